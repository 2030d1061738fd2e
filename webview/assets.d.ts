/** Stylesheets imported as text (scripts/build.mjs bundles `.css` with esbuild's text loader) for lit's adopted styles. */
declare module '*.css' {
  const text: string;
  export default text;
}
