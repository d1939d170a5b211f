import { useAppStore, type ThemePreference } from '../state/store';
import { selectTheme } from '../state/selectors';

const choices: { value: ThemePreference; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Light, dark, or follow the operating system. */
export function ThemeSwitcher() {
  const theme = useAppStore(selectTheme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <div className="theme-switcher" role="radiogroup" aria-label="Theme">
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role="radio"
          aria-checked={theme === choice.value}
          data-theme-choice={choice.value}
          onClick={() => setTheme(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
