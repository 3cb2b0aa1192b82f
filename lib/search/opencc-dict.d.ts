// opencc-js ships its dictionaries as untyped ES modules exporting one "from to|from to" string.
declare module 'opencc-js/dict/TSCharacters' {
  const table: string;
  export default table;
}
