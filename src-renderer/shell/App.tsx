import { useEffect } from 'react';
import { useAppStore, sections } from '../state/store';
import { selectSection, selectTheme } from '../state/selectors';
import { applyTheme } from '../state/theme';
import { Navigation } from './Navigation';
import { NotificationArea } from './NotificationArea';
import { StatusBar } from './StatusBar';
import { sectionViews } from '../sections/index';
import { WizardView } from '../features/wizard/WizardView';
import { selectWizardOpen } from '../state/wizard/selectors';

/** The app frame: navigation, the current section, the status bar, the notifications. */
export function App() {
  const section = useAppStore(selectSection);
  const theme = useAppStore(selectTheme);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [theme]);
  const wizardOpen = useAppStore(selectWizardOpen);
  const View = sectionViews[section];
  const title = wizardOpen ? 'Onboarding' : sections.find((s) => s.id === section)?.label;
  return (
    <div className="frame">
      <Navigation />
      <main className="content" aria-labelledby="section-title">
        <h1 id="section-title">{title}</h1>
        {wizardOpen ? <WizardView /> : <View />}
      </main>
      <StatusBar />
      <NotificationArea />
    </div>
  );
}
