/** Rule tables in server/data are embedded into the bundles as text by esbuild. */
declare module '*.tsv' {
  const text: string;
  export default text;
}
