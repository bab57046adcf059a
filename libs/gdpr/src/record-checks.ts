// Art. 30 record contents per role, plus upkeep: review date, DPIA (Art. 35) and the Art. 30(5)
// exemption hint (added by the evaluator, which computes the exemption once). Controllers need 30(1)(a)-(g); processors 30(2)(a)-(d).
import {
  filled,
  hasChildren,
  hasCriminalData,
  hasSpecialData,
  hit,
  isController,
  type ActivityCheck,
  type Hit,
} from './health-check.js';

const checkControllerRecord: ActivityCheck = (activity) => {
  const hits: Hit[] = [];
  if (activity.role === 'joint_controller' && !(activity.jointControllers ?? []).some((p) => filled(p.name))) {
    hits.push(hit('R-ART30-1A-JOINT-CONTROLLER-MISSING', 'jointControllers'));
  }
  if (activity.purposes.length === 0) {
    hits.push(hit('R-ART30-1B-PURPOSE-MISSING', 'purposes'));
    hits.push(hit('R-ART6-MISSING', 'purposes'));
  }
  if (activity.subjectCategories.length === 0) hits.push(hit('R-ART30-1C-SUBJECTS-MISSING', 'subjectCategories'));
  if (activity.dataCategories.length === 0) hits.push(hit('R-ART30-1C-DATA-MISSING', 'dataCategories'));
  if (activity.recipients.length === 0) hits.push(hit('R-ART30-1D-RECIPIENTS-MISSING', 'recipients'));
  if (activity.retention.length === 0) hits.push(hit('R-RETENTION-MISSING', 'retention'));
  return hits;
};

const checkProcessorRecord: ActivityCheck = (activity) => {
  const hits: Hit[] = [];
  const controllers = activity.controllers ?? [];
  if (!controllers.some((c) => filled(c.name))) hits.push(hit('R-ART30-2A-CONTROLLER-MISSING', 'controllers'));
  controllers.forEach((c, i) => {
    if (filled(c.name) && !filled(c.dpaReference))
      hits.push(hit('R-ART28-3-CONTROLLER-DPA-MISSING', `controllers[${i}]`));
  });
  if (!activity.purposes.some((p) => filled(p.description)))
    hits.push(hit('R-ART30-2B-PROCESSING-MISSING', 'purposes'));
  return hits;
};

const checkToms: ActivityCheck = (activity) =>
  activity.toms.length === 0 ? [hit('R-ART30-1G-TOMS-MISSING', 'toms')] : [];

const checkReview: ActivityCheck = (activity, ctx) => {
  if (!activity.reviewDate) return [hit('R-REVIEW-DATE-MISSING', 'reviewDate')];
  return activity.reviewDate < ctx.asOf ? [hit('R-REVIEW-OVERDUE', 'reviewDate')] : [];
};

const checkDpia: ActivityCheck = (activity) => {
  if (!isController(activity)) return [];
  const dpia = activity.dpia;
  if (dpia?.required === true) return dpia.status === 'done' ? [] : [hit('R-ART35-DPIA-NOT-DONE', 'dpia')];
  if (dpia?.required === false) return [];
  const indicators =
    hasSpecialData(activity) ||
    hasCriminalData(activity) ||
    hasChildren(activity) ||
    activity.automatedDecision?.legalOrSimilarEffect === true ||
    activity.likelyRisk === true;
  return indicators ? [hit('R-ART35-DPIA-NOT-ASSESSED', 'dpia')] : [];
};

export const recordChecks: ActivityCheck = (activity, ctx) => [
  ...(isController(activity) ? checkControllerRecord(activity, ctx) : checkProcessorRecord(activity, ctx)),
  ...checkToms(activity, ctx),
  ...checkReview(activity, ctx),
  ...checkDpia(activity, ctx),
];
