import { Component, type ErrorInfo, type ReactNode } from 'react';
import { unexpectedErrorText } from '../../domain/errors/index.ts';
import { i18n } from '../i18n/i18n.ts';

/**
 * Keeps one broken screen from blanking the whole app: the header (and with it backup and
 * language) stays usable, and the message says what failed. Figures already typed are in IndexedDB.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null; key?: string }> {
  override state: { error: Error | null; key?: string } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key?: string }) {
    // Navigating elsewhere gives the next screen a fresh start.
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="banner error" role="alert">
          {/* Worded (never the library's English on an Indonesian screen); the stack is in the console. */}
          {i18n.t('common.error', { message: unexpectedErrorText(this.state.error)[i18n.language === 'en' ? 'en' : 'id'] })}
        </div>
      );
    }
    return this.props.children;
  }
}
