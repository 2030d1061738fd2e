import { noChange } from 'lit';
import { Directive, directive, ElementPart, PartInfo, PartType } from 'lit/directive.js';

/**
 * Sets style properties through the CSSOM on every render. lit's styleMap writes a `style` attribute on its
 * first render, which the inspector's CSP (no 'unsafe-inline' styles) blocks; CSSOM writes are allowed.
 * Use as an element binding: <div ${styleProps({ width: '40%' })}>.
 */
class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps is an element binding');
  }

  render(_props: Record<string, string>) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
