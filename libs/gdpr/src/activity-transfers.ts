// Every place an activity's recipients process data, with its computed transfer status. The
// exporter facts come from the tenant: its country (for decisions not yet in the EEA Agreement)
// and whether it acts as a public authority (Art. 49(3)).
import { actsAsPublicAuthority, type LocatedTransfer } from './health-check.js';
import type { ActivityFacts, TenantFacts } from './register-facts.js';
import { transferStatus, worstTransferStatus, type TransferStatus } from './transfer-status.js';

export function activityTransfers(activity: ActivityFacts, tenant: TenantFacts, asOf: string): LocatedTransfer[] {
  const exporterPublicAuthority = actsAsPublicAuthority(activity, tenant);
  return activity.recipients.flatMap((recipient, r) =>
    recipient.locations.map((location, l) => ({
      path: `recipients[${r}].locations[${l}]`,
      ...(recipient.id !== undefined ? { recipientId: recipient.id } : {}),
      location,
      assessment: transferStatus(
        { ...location, exporterCountry: tenant.country ?? null, exporterPublicAuthority },
        asOf,
      ),
    })),
  );
}

/** Worst status over an activity's transfers; null when no recipient location is recorded. */
export function activityTransferStatus(transfers: readonly LocatedTransfer[]): TransferStatus | null {
  return worstTransferStatus(transfers.map((t) => t.assessment));
}
