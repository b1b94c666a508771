// The screens compose French with the same helpers as the emails: libs/core's, loaded by
// relative path (the web client cannot take libs/core's Nest index).
export * from '../../../../libs/core/src/text/french-typography.js';
