/** The worker's database (IndexedDB), one per browser profile. */
export const DB_NAME = 'truerate';
