/**
 * @types/pdfkit 0.17 lags pdfkit 0.20: attachments take an AFRelationship (PDF/A-3 associated
 * files), stack.md §3c.
 */
declare namespace PDFKit.Mixins {
  interface PDFAttachmentOptions {
    relationship?: 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified';
  }
}
