// The page's style sheets are imported for their side effect; esbuild bundles them (build.ts).
declare module '*.css';
