export { zodIssueText } from './zodIssueText.ts';
export { zodErrorMap } from './zodErrorMap.ts';
export { customIssue } from './customIssue.ts';
export { formatPath, placeText, zodErrorText, zodIssuesSummary, zodPathIssues, type PathIssue } from './pathIssues.ts';
export { findJsonFault, lineColumn, type JsonFault } from './jsonSyntax.ts';
export { fileSubject, jsonSyntaxText, parseJsonText } from './jsonText.ts';
export { httpStatusText, NETWORK_CAUSES, networkCauseOf, networkCauseText, unreachableText, type NetworkCause } from './networkText.ts';
export { unexpectedErrorText } from './unexpected.ts';
