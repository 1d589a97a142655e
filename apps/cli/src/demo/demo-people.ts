import type { Actor, ComplainantRole } from '#domain';
import type { ComplainantRequest, PersonRequest } from '#api';
import type { SeededRandom } from './seeded-random';

/** The provider's people in the demo, each with the role the API would give their token. */
const staffMember = (id: string, name: string): Actor => ({ id, name, roles: ['staff'] });

/** Teaching mentors and lecturers: they receive feedback and own cases at stage 1. */
export const MENTORS: readonly Actor[] = [
  staffMember('u-ann', 'Ann Lee'),
  staffMember('u-priya', 'Priya Patel'),
  staffMember('u-tom', 'Tom Hughes'),
  staffMember('u-grace', 'Grace Okonkwo'),
  staffMember('u-dan', 'Daniel Evans'),
  staffMember('u-aisha', 'Aisha Rahman'),
];

/** The front desk: records what comes in by post, e-mail and the web form. */
export const ADMISSIONS: Actor = staffMember('u-megan', 'Megan Clarke');

export const OPERATIONS_MANAGER: Actor = {
  id: 'u-olu',
  name: 'Olu Okafor',
  roles: ['operations-manager'],
};

/** Stage 3 is senior management's: the Managing Director and the Quality Director. */
export const SENIOR_MANAGERS: readonly Actor[] = [
  { id: 'u-sarah', name: 'Sarah Whitfield', roles: ['senior-manager'] },
  { id: 'u-james', name: 'James Boateng', roles: ['senior-manager'] },
];

/** Reviews categories so the themes report groups like with like. */
export const QUALITY_OFFICER: Actor = { id: 'u-quinn', name: 'Quinn Adeyemi', roles: ['quality'] };

export const asPerson = (actor: Actor): PersonRequest => ({ id: actor.id, name: actor.name! });

const FIRST_NAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Ivy',
  'Leo',
  'Freya',
  'Harry',
  'Zara',
  'Mohammed',
  'Lily',
  'Jack',
  'Sofia',
  'Charlie',
  'Grace',
  'Kai',
  'Hannah',
  'Yusuf',
  'Chloe',
  'Reuben',
  'Niamh',
  'Tariq',
  'Ellie',
  'Dylan',
  'Maya',
  'Owen',
];
const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Davies',
  'Khan',
  'Evans',
  'Thomas',
  'Roberts',
  'Ahmed',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Begum',
  'Nowak',
];
const EMPLOYERS = [
  'Northgate Digital Ltd',
  'Brightside Marketing',
  'Castle & Co Estate Agents',
  'Hollybank Care Group',
  'Riverside Print Works',
  'Meadow Lane Motors',
];

export function personName(random: SeededRandom): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}

/** Who gave the feedback: mostly learners and apprentices, some employers and others. */
export function complainant(
  random: SeededRandom,
  role: ComplainantRole = random.weighted([
    { role: 'learner' as const, weight: 45 },
    { role: 'apprentice' as const, weight: 30 },
    { role: 'employer' as const, weight: 12 },
    { role: 'parent-guardian' as const, weight: 5 },
    { role: 'stakeholder' as const, weight: 4 },
    { role: 'other' as const, weight: 4 },
  ]).role,
): ComplainantRequest {
  const name =
    role === 'employer' ? `${personName(random)}, ${random.pick(EMPLOYERS)}` : personName(random);
  const handle = name
    .split(',')[0]
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  return {
    name,
    role,
    ...(random.chance(0.8) ? { email: `${handle}@example.org` } : {}),
    ...(random.chance(0.4)
      ? { phone: `07700 900${String(random.between(0, 999)).padStart(3, '0')}` }
      : {}),
  };
}

/** The themes cases are filed under. */
export const CATEGORIES = [
  'teaching-and-mentoring',
  'assessment',
  'timetabling',
  'fees-and-funding',
  'communication',
  'facilities',
  'safeguarding',
  'equality-and-diversity',
  'employer-liaison',
  'learning-resources',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What complaints say, by theme. */
export const COMPLAINTS: Record<Category, readonly string[]> = {
  'teaching-and-mentoring': [
    'Mentor missed two planned sessions',
    'Feedback on assignments takes weeks to arrive',
    'Mentor changed three times this term',
    'Progress review was cut short',
  ],
  assessment: [
    'Unhappy with the grade for the portfolio',
    'End-point assessment date moved without notice',
    'Resubmission was marked by the same assessor',
  ],
  timetabling: [
    'Classes moved at short notice',
    'Timetable clashes with work shifts',
    'Online session links sent after the start time',
  ],
  'fees-and-funding': [
    'Charged for a course that should be funded',
    'Refund not received after withdrawing',
    'Invoice sent to the learner instead of the employer',
  ],
  communication: [
    'No reply to three e-mails',
    'Not told the course had moved online',
    'Certificate still not received',
  ],
  facilities: [
    'Training room too cold to work in',
    'Laptop loan not available as promised',
    'No step-free access to the second floor room',
  ],
  safeguarding: ['Concern about comments made by another learner', 'Felt unsafe on the placement'],
  'equality-and-diversity': [
    'Reasonable adjustments not put in place',
    'Prayer room request ignored',
  ],
  'employer-liaison': [
    'Employer not sent progress reviews',
    'Off-the-job hours not agreed with the employer',
  ],
  'learning-resources': [
    'E-portfolio keeps losing uploaded work',
    'Course materials out of date',
    'Library e-books not accessible',
  ],
};

export const COMPLIMENTS: readonly string[] = [
  'Thank you to my mentor for the support through the end-point assessment',
  'Excellent induction day',
  'Mentor went above and beyond during a difficult month',
  'Really well organised workshop on analytics',
  'Grateful for the flexible catch-up sessions',
  'The apprentice we took on is thriving thanks to your team',
];

export const SUGGESTIONS: readonly string[] = [
  'Offer evening sessions for apprentices on shifts',
  'Add a study-skills workshop before the first assignment',
  'Record the online classes for catching up',
  'A quiet study room on the ground floor',
  'Send reminders the day before each review',
  'Publish the timetable a term in advance',
];

export const AWARDING_BODIES = [
  'NCFE',
  'City & Guilds',
  'Highfield Qualifications',
  'BCS, The Chartered Institute for IT',
];
