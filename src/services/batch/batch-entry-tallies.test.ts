import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_ACTOR, type Actor } from '../../domain/staff/permissions.ts';
import { staffRepository } from '../../repositories/staff-repository.ts';
import { testEngines } from '../../../test/helpers/databases.ts';

import { batchEntryHarness } from '../../../test/helpers/batch-entry.ts';

for (const engine of testEngines()) {
  describe(`batch entry (${engine})`, () => {
    const h = batchEntryHarness(engine);
    const { newActor, submitOk } = h;

    describe('tallies', () => {
      // Asia/Shanghai is UTC+8: 15:30Z is 23:30 there, 16:30Z is 00:30 the next day.
      const times = {
        lastMonth: new Date('2025-05-31T15:30:00Z'), // Shanghai: 31 May 23:30
        monthStart: new Date('2025-05-31T16:30:00Z'), // Shanghai: 1 June 00:30
        yesterday: new Date('2025-06-14T15:30:00Z'), // Shanghai: 14 June 23:30
        today: new Date('2025-06-14T16:30:00Z'), // Shanghai: 15 June 00:30
      };
      const now = new Date('2025-06-14T20:00:00Z'); // Shanghai: 15 June 04:00

      async function enterAt(actor: Actor, at: Date, headcount: number, name: string) {
        h.clock = at;
        await submitOk(actor, [{ name, orgs: 'party', headcount }], true);
      }

      it('counts own entries across day and month boundaries in the given zone, and nobody else’s', async () => {
        const volunteer = await newActor('volunteer', { name: '甲' });
        const colleague = await newActor('volunteer', { name: '乙', trusted: true });
        await enterAt(volunteer, times.lastMonth, 2, '明德');
        await enterAt(volunteer, times.monthStart, 3, '安宁');
        await enterAt(volunteer, times.yesterday, 1, '嘉佳');
        await enterAt(volunteer, times.today, 4, '瑞祥');
        await enterAt(colleague, times.today, 7, '光明');

        assert.deepEqual(await h.service.myTallies(volunteer, now, 'Asia/Shanghai'), {
          ok: true,
          value: {
            today: { declarations: 1, people: 4 },
            thisMonth: { declarations: 3, people: 8 },
            allTime: { declarations: 4, people: 10 },
            pending: 4,
          },
        });
        // The same entries seen from UTC: the 14th is still today, and May is still May.
        assert.deepEqual(await h.service.myTallies(volunteer, now, 'UTC'), {
          ok: true,
          value: {
            today: { declarations: 2, people: 5 },
            thisMonth: { declarations: 2, people: 5 },
            allTime: { declarations: 4, people: 10 },
            pending: 4,
          },
        });
        assert.deepEqual(await h.service.myTallies(colleague, now, 'Asia/Shanghai'), {
          ok: true,
          value: {
            today: { declarations: 1, people: 7 },
            thisMonth: { declarations: 1, people: 7 },
            allTime: { declarations: 1, people: 7 },
            pending: 0,
          },
        });
        assert.deepEqual(await h.service.myTallies(volunteer, now, 'Mars/Olympus'), { ok: false, error: 'request.invalid' });
      });

      it('leaves rejected entries out of the tallies, and pending ones out of the pending count once decided', async () => {
        const volunteer = await newActor('volunteer');
        h.clock = times.today;
        const value = await submitOk(volunteer, [
          { name: '明德', orgs: 'party', headcount: 2 },
          { name: '安宁', orgs: 'party', headcount: 5 },
          { name: '嘉佳', orgs: 'party', headcount: 1 },
        ]);
        const [published, rejected] = value.receipts;
        await h.ctx.services.moderation.approve(SYSTEM_ACTOR, [published!.registrationNumber]);
        await h.ctx.services.moderation.reject(SYSTEM_ACTOR, [rejected!.registrationNumber], 'duplicate');
        const tallies = await h.service.myTallies(volunteer, now, 'Asia/Shanghai');
        assert.deepEqual(tallies.ok && [tallies.value.allTime, tallies.value.pending], [{ declarations: 2, people: 3 }, 1]);
      });

      it('gives a center admin each member of the center, and a global admin every center', async () => {
        const volunteer = await newActor('volunteer', { name: '甲' });
        const colleague = await newActor('volunteer', { name: '乙', trusted: true });
        const idle = await newActor('volunteer', { name: '丙' });
        const elsewhere = await newActor('volunteer', { name: '丁', center: h.otherCenterId });
        const centerAdmin = await newActor('center_admin', { name: '戊' });
        await newActor('editor', { name: '己' });
        const admin = await newActor('admin', { name: '庚', center: null });
        await enterAt(volunteer, times.lastMonth, 2, '明德');
        await enterAt(volunteer, times.monthStart, 3, '安宁');
        await enterAt(colleague, times.today, 7, '光明');
        await enterAt(elsewhere, times.today, 9, '瑞祥');

        const tallies = await h.service.centerTallies(centerAdmin, now, 'Asia/Shanghai');
        assert.ok(tallies.ok);
        const view = (list: typeof tallies.value) =>
          Object.fromEntries(
            list.map((tally) => [
              tally.name,
              [tally.thisMonth.declarations, tally.thisMonth.people, tally.allTime.declarations, tally.allTime.people],
            ]),
          );
        assert.deepEqual(view(tallies.value), {
          甲: [1, 3, 2, 5],
          乙: [1, 7, 1, 7],
          丙: [0, 0, 0, 0],
          戊: [0, 0, 0, 0],
        });
        assert.equal(tallies.value.find((tally) => tally.name === '丙')?.staffId, idle.id);

        const everywhere = await h.service.centerTallies(admin, now, 'Asia/Shanghai');
        assert.ok(everywhere.ok);
        assert.deepEqual(view(everywhere.value), {
          甲: [1, 3, 2, 5],
          乙: [1, 7, 1, 7],
          丙: [0, 0, 0, 0],
          丁: [1, 9, 1, 9],
          戊: [0, 0, 0, 0],
          庚: [0, 0, 0, 0],
        });

        // A member who moved keeps the entries made for this center in its tallies.
        await staffRepository.update(h.db, volunteer.id, { centerId: h.otherCenterId });
        const afterMove = await h.service.centerTallies(centerAdmin, now, 'Asia/Shanghai');
        assert.deepEqual(afterMove.ok && view(afterMove.value).甲, [1, 3, 2, 5]);

        assert.deepEqual(await h.service.centerTallies(volunteer, now, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
      });
    });
  });
}
