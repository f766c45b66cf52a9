// The admin's Vite build bundles the TSX sources directly.
export { default } from './admin/src';
