/** Keeps an invocation's console output, bounded so a handler printing in a loop cannot exhaust memory. */
export class LogBuffer {
  private parts: string[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly limit = 256 * 1024) {}

  append(text: string): void {
    if (this.truncated) return;
    if (this.size + text.length > this.limit) {
      this.parts.push(text.slice(0, this.limit - this.size), '\n[eventyard: log truncated]\n');
      this.truncated = true;
      return;
    }
    this.parts.push(text);
    this.size += text.length;
  }

  text(): string {
    return this.parts.join('');
  }
}
