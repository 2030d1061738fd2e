/**
 * A subset of VS Code's Light+ / Dark+ / High Contrast theme colours, so the standalone preview renders the
 * inspector as the workbench would. Values from VS Code's built-in themes.
 */
const common = `--vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px; --vscode-font-weight: normal;
--vscode-editor-font-family: "Droid Sans Mono", monospace; --vscode-editor-font-size: 13px;`;

export const themes: Record<string, string> = {
  light: `${common}
--vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #717171; --vscode-errorForeground: #f85149;
--vscode-editor-background: #ffffff; --vscode-editor-foreground: #3b3b3b; --vscode-panel-border: #e5e5e5;
--vscode-focusBorder: #005fb8; --vscode-list-hoverBackground: #f2f2f2; --vscode-list-activeSelectionBackground: #e8e8e8;
--vscode-list-activeSelectionForeground: #000000; --vscode-list-inactiveSelectionBackground: #e4e6f1;
--vscode-textCodeBlock-background: #f8f8f8; --vscode-progressBar-background: #005fb8; --vscode-badge-background: #cccccc;
--vscode-badge-foreground: #3b3b3b; --vscode-textLink-foreground: #005fb8; --vscode-charts-orange: #d18616; --vscode-charts-purple: #652d90; --vscode-charts-green: #388a34;
--vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
--vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b; --vscode-button-border: #0000001a;
--vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece; --vscode-input-placeholderForeground: #767676;
--vscode-dropdown-background: #ffffff; --vscode-dropdown-border: #cecece; --vscode-dropdown-foreground: #3b3b3b;
--vscode-checkbox-background: #f8f8f8; --vscode-checkbox-border: #cecece; --vscode-settings-headerBorder: #e5e5e5;
--vscode-panelTitle-activeForeground: #3b3b3b; --vscode-panelTitle-activeBorder: #005fb8; --vscode-panelTitle-inactiveForeground: #3b3b3b;
--vscode-editorWidget-background: #e8e8e8; --vscode-icon-foreground: #3b3b3b; --vscode-toolbar-hoverBackground: #b8b8b850;
--vscode-sideBarSectionHeader-background: #f8f8f8; --vscode-panel-background: #f8f8f8;
--vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownBorder: #cecece; --vscode-settings-dropdownForeground: #3b3b3b;
--vscode-settings-dropdownListBorder: #c8c8c8; --vscode-settings-textInputBackground: #ffffff; --vscode-settings-textInputBorder: #cecece;
--vscode-settings-textInputForeground: #3b3b3b; --vscode-settings-checkboxBackground: #f8f8f8; --vscode-settings-checkboxBorder: #cecece;
--vscode-settings-checkboxForeground: #3b3b3b; --vscode-checkbox-foreground: #3b3b3b; --vscode-sideBarTitle-foreground: #3b3b3b;
--vscode-sideBar-background: #f8f8f8; --vscode-button-secondaryHoverBackground: #cccccc; --vscode-widget-shadow: #00000029;`,
  dark: `${common}
--vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
--vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-panel-border: #2b2b2b;
--vscode-focusBorder: #0078d4; --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
--vscode-list-activeSelectionForeground: #ffffff; --vscode-list-inactiveSelectionBackground: #37373d;
--vscode-textCodeBlock-background: #2b2b2b; --vscode-progressBar-background: #0078d4; --vscode-badge-background: #616161;
--vscode-badge-foreground: #f8f8f8; --vscode-textLink-foreground: #4daafc; --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-green: #89d185;
--vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
--vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-button-border: #ffffff12;
--vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c; --vscode-input-placeholderForeground: #989898;
--vscode-dropdown-background: #313131; --vscode-dropdown-border: #3c3c3c; --vscode-dropdown-foreground: #cccccc;
--vscode-checkbox-background: #313131; --vscode-checkbox-border: #3c3c3c; --vscode-settings-headerBorder: #2b2b2b;
--vscode-panelTitle-activeForeground: #e7e7e7; --vscode-panelTitle-activeBorder: #0078d4; --vscode-panelTitle-inactiveForeground: #9d9d9d;
--vscode-editorWidget-background: #202020; --vscode-icon-foreground: #cccccc; --vscode-toolbar-hoverBackground: #5a5d5e50;
--vscode-sideBarSectionHeader-background: #181818; --vscode-panel-background: #181818;
--vscode-settings-dropdownBackground: #313131; --vscode-settings-dropdownBorder: #3c3c3c; --vscode-settings-dropdownForeground: #cccccc;
--vscode-settings-dropdownListBorder: #454545; --vscode-settings-textInputBackground: #313131; --vscode-settings-textInputBorder: #3c3c3c;
--vscode-settings-textInputForeground: #cccccc; --vscode-settings-checkboxBackground: #313131; --vscode-settings-checkboxBorder: #3c3c3c;
--vscode-settings-checkboxForeground: #cccccc; --vscode-checkbox-foreground: #cccccc; --vscode-sideBarTitle-foreground: #cccccc;
--vscode-sideBar-background: #181818; --vscode-button-secondaryHoverBackground: #3c3c3c; --vscode-widget-shadow: #0000005c;`,
  'high-contrast': `${common}
--vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffffb3; --vscode-errorForeground: #f48771;
--vscode-editor-background: #000000; --vscode-editor-foreground: #ffffff; --vscode-panel-border: #6fc3df; --vscode-contrastBorder: #6fc3df;
--vscode-focusBorder: #f38518; --vscode-list-hoverBackground: #000000; --vscode-list-activeSelectionBackground: #000000;
--vscode-list-activeSelectionForeground: #ffffff; --vscode-list-inactiveSelectionBackground: #000000; --vscode-list-focusOutline: #f38518;
--vscode-textCodeBlock-background: #000000; --vscode-progressBar-background: #6fc3df; --vscode-badge-background: #000000;
--vscode-badge-foreground: #ffffff; --vscode-textLink-foreground: #21a6ff; --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-green: #89d185;
--vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-border: #6fc3df;
--vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
--vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df; --vscode-input-placeholderForeground: #ffffffb3;
--vscode-dropdown-background: #000000; --vscode-dropdown-border: #6fc3df; --vscode-dropdown-foreground: #ffffff;
--vscode-checkbox-background: #000000; --vscode-checkbox-border: #6fc3df; --vscode-settings-headerBorder: #6fc3df;
--vscode-panelTitle-activeForeground: #ffffff; --vscode-panelTitle-activeBorder: #6fc3df; --vscode-panelTitle-inactiveForeground: #ffffff;
--vscode-editorWidget-background: #0c141f; --vscode-icon-foreground: #ffffff; --vscode-toolbar-hoverOutline: #f38518;
--vscode-sideBarSectionHeader-background: #000000; --vscode-panel-background: #000000;
--vscode-settings-dropdownBackground: #000000; --vscode-settings-dropdownBorder: #6fc3df; --vscode-settings-dropdownForeground: #ffffff;
--vscode-settings-dropdownListBorder: #6fc3df; --vscode-settings-textInputBackground: #000000; --vscode-settings-textInputBorder: #6fc3df;
--vscode-settings-textInputForeground: #ffffff; --vscode-settings-checkboxBackground: #000000; --vscode-settings-checkboxBorder: #6fc3df;
--vscode-settings-checkboxForeground: #ffffff; --vscode-checkbox-foreground: #ffffff; --vscode-sideBarTitle-foreground: #ffffff;
--vscode-sideBar-background: #000000;`,
};
