// The build inlines each imported stylesheet as a minified string (see scripts/build-web.ts).
declare module '*.css' {
  const css: string;
  export default css;
}
