// Globals the front end reads but does not define.

/** Sphinx's searchtools.js (a const of the search page's own scripts). */
declare const Search: {
  htmlToText(html: string, anchor?: string): string;
  makeSearchSummary(htmlText: string, keywords: Set<string>, anchor?: string): HTMLElement | null;
} | undefined;

/** CSS imported for its side effect: esbuild bundles it into the widget bundle's .css. */
declare module "*.css";
