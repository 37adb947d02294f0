// The door of the posters module: the PDF/QR rendering and file-name helpers other modules print and send with.
export { cjkFonts, contentDisposition, pdfPageCount, qrPng, safeFileName } from './render';
