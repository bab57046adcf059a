import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ChangeApproval, SubprocessorChange } from '#notifications';
import { Engagement } from '#register';
import { startTestApp } from '#testing';
import { APP_DATA_SOURCE } from './tenant-db.js';
import { insertStatement } from './one-statement.js';

/** insertStatement keeps TypeORM's text per shape and converts values itself: it must say what TypeORM says. */
describe('insertStatement (TypeORM metadata of the app)', () => {
  let app: INestApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    dataSource = app.get<DataSource>(APP_DATA_SOURCE);
  });
  afterAll(() => app.close());

  const tx = () => ({ tenantId: randomUUID(), em: dataSource.manager });
  const typeorm = <T extends ObjectLiteral>(entity: EntityTarget<T>, rows: object) => {
    const [sql, params] = dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows as never)
      .getQueryAndParameters();
    return { sql, params };
  };

  const engagement = (fields: Partial<Engagement> = {}) => ({
    tenantId: randomUUID(),
    id: randomUUID(),
    vendorId: randomUUID(),
    parentEngagementId: null,
    purpose: `Hosting ${randomUUID()}`,
    description: "it's \\ here",
    status: 'planned',
    productIds: [randomUUID()],
    dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
    processingLocations: ['DE'],
    accessLocations: [],
    transferMechanism: null,
    tiaReference: null,
    tiaReviewDate: '2030-01-31',
    supplementaryMeasures: null,
    dpaSignedOn: null,
    dpaReference: 'DPA-1',
    startedOn: null,
    endedOn: null,
    externalKey: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...fields,
  });

  it('gives TypeORM’s own statement for each shape, built or kept, with the values of each call', () => {
    const cases: Array<[EntityTarget<ObjectLiteral>, () => object]> = [
      [Engagement, () => engagement()],
      // An omitted field is DEFAULT in the text: another shape, another text.
      [Engagement, () => engagement({ description: undefined, startedOn: '2031-02-03' })],
      [
        SubprocessorChange,
        () => ({
          tenantId: randomUUID(),
          id: randomUUID(),
          kind: 'added',
          engagementId: randomUUID(),
          replacedEngagementId: null,
          proposed: null,
          diff: [{ field: 'purpose', before: null, after: 'x "quoted"' }],
          subject: { vendorName: 'V', productNames: ['a'], purpose: randomUUID() },
          productIds: [],
          status: 'announced',
          note: null,
          urgentReason: null,
          noticePeriodDays: 30,
          announcedAt: new Date(),
          effectiveAt: new Date(Date.now() + 1e9),
          objectionDeadline: new Date(Date.now() + 5e8),
          effectedAt: null,
          withdrawnAt: null,
          withdrawalReason: null,
          createdBy: 'test',
          leaseUntil: null,
        }),
      ],
      [
        ChangeApproval,
        () =>
          [1, 2, 3].map(() => ({
            tenantId: randomUUID(),
            changeId: randomUUID(),
            partyId: randomUUID(),
            status: 'pending',
            decidedAt: null,
            decidedBy: null,
            note: null,
          })),
      ],
    ];
    for (const [entity, rows] of cases) {
      for (let call = 0; call < 3; call++) {
        const sent = rows();
        expect(insertStatement(tx(), entity, sent as never)).toEqual(typeorm(entity, sent));
      }
    }
  });
});
