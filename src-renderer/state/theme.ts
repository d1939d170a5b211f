import type { ThemePreference } from './store';

/** Resolves `system` through the OS preference and applies the theme to the document root. */
export function applyTheme(preference: ThemePreference): 'light' | 'dark' {
  const effective = preference === 'system' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : preference;
  document.documentElement.dataset.theme = effective;
  document.documentElement.style.colorScheme = effective;
  return effective;
}
