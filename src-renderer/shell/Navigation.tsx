import { useAppStore, sections } from '../state/store';
import { selectSection } from '../state/selectors';

/** The left-hand navigation between the app's sections. */
export function Navigation() {
  const current = useAppStore(selectSection);
  const showSection = useAppStore((s) => s.showSection);
  return (
    <nav className="navigation" aria-label="Sections">
      <div className="brand">
        <img src="./icon.svg" alt="" width={28} height={28} />
        <span>cmp-desk</span>
      </div>
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={current === section.id ? 'page' : undefined}
              onClick={() => showSection(section.id)}
            >
              {section.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
