import { AppError } from '#core';

const DAY_MS = 86_400_000;

export interface ChangeTiming {
  noticePeriodDays: number;
  effectiveAt: Date;
  objectionDeadline: Date;
}

/**
 * When an announced change takes effect and until when customers may object. The notice period
 * is the tenant's default unless the change sets its own; a requested effective date may be later
 * than the notice period allows, never earlier. An urgent change (a vendor's emergency
 * replacement) takes effect at once, and customers may still object for the notice period after.
 */
export function changeTiming(
  now: Date,
  tenantNoticeDays: number,
  request: { noticePeriodDays?: number; effectiveAt?: Date; urgentReason?: string },
): ChangeTiming {
  const noticePeriodDays = request.noticePeriodDays ?? tenantNoticeDays;
  const earliest = new Date(now.getTime() + noticePeriodDays * DAY_MS);
  if (request.urgentReason) {
    if (request.effectiveAt)
      throw AppError.badInput('input.effectiveAt', 'An urgent change takes effect at once: leave effectiveAt out.');
    return { noticePeriodDays, effectiveAt: now, objectionDeadline: earliest };
  }
  const effectiveAt = request.effectiveAt ?? earliest;
  if (effectiveAt.getTime() < earliest.getTime())
    throw AppError.badInput(
      'input.effectiveAt',
      `With a notice period of ${noticePeriodDays} days the change can take effect on ${earliest.toISOString()} at the earliest; ` +
        'give an urgent reason to make it effective at once.',
    );
  return { noticePeriodDays, effectiveAt, objectionDeadline: effectiveAt };
}
