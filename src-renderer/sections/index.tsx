import type { ComponentType } from 'react';
import type { SectionId } from '../state/store';
import { ActivitySection } from './ActivitySection';
import { EmptyState } from './EmptyState';
import { SettingsSection } from './SettingsSection';

function DashboardSection() {
  return (
    <EmptyState title="No certificates to watch yet">
      The dashboard will show every certificate record with its expiry, renewals due inside the KUR window and
      transactions in progress, once certificate records exist.
    </EmptyState>
  );
}

function CertificatesSection() {
  return (
    <EmptyState title="No certificate records">
      Certificate records (subject, SANs, key algorithm, CMP profile) and their certificates with history will be
      listed here.
    </EmptyState>
  );
}

function ServersSection() {
  return (
    <EmptyState title="No CMP servers or profiles configured">
      CMP servers, server groups, TLS profiles and CMP profiles will be managed here.
    </EmptyState>
  );
}

function TrustSection() {
  return (
    <EmptyState title="No trust anchors imported">
      Imported root and issuing CA certificates will be listed here with their SHA-256 fingerprints for
      out-of-band verification.
    </EmptyState>
  );
}

/** One view per navigation section. */
export const sectionViews: Record<SectionId, ComponentType> = {
  dashboard: DashboardSection,
  certificates: CertificatesSection,
  servers: ServersSection,
  trust: TrustSection,
  activity: ActivitySection,
  settings: SettingsSection,
};
