import { ProjectionDatabase } from '@ketnap/projections';
import { waitForTheOtherThread } from './rebuild-threads';

describe('waitForTheOtherThread', () => {
  it("lets the rebuild's SQLite transactions wait minutes for the other thread's, not the connection's 5 s", async () => {
    const pdb = await ProjectionDatabase.openSqlite(':memory:');
    try {
      const timeout = async () => (await pdb.sql.all<{ timeout: number }>('PRAGMA busy_timeout'))[0].timeout;
      expect(await timeout()).toBe(5000);
      await waitForTheOtherThread(pdb);
      expect(await timeout()).toBe(600_000);
    } finally {
      await pdb.close();
    }
  });
});
