import type { ComponentType } from 'react';
import type { SectionId } from '../state/store';
import { ActivitySection } from './ActivitySection';
import { CertificatesSection } from './CertificatesSection';
import { DashboardSection } from './DashboardSection';
import { ServersSection } from './ServersSection';
import { SettingsSection } from './SettingsSection';
import { TrustSection } from './TrustSection';

/** One view per navigation section. */
export const sectionViews: Record<SectionId, ComponentType> = {
  dashboard: DashboardSection,
  certificates: CertificatesSection,
  servers: ServersSection,
  trust: TrustSection,
  activity: ActivitySection,
  settings: SettingsSection,
};
