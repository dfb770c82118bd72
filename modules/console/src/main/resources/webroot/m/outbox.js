// The handheld's outbox: fixes, cell check-ins and reports taken without signal wait here (IndexedDB, so
// they survive a closed page or a flat battery) and go out in the order they were taken.
'use strict';

GP.Outbox = class {
  async open() {
    this.db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('gridpatrol', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('outbox', {keyPath: 'seq', autoIncrement: true});
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  run(mode, work) {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction('outbox', mode);
      const request = work(transaction.objectStore('outbox'));
      transaction.oncomplete = () => resolve(request ? request.result : undefined);
      transaction.onerror = () => reject(transaction.error);
    });
  }

  /** Adds an item at the end; items keep the order they were added in. */
  add(item) {
    return this.run('readwrite', store => store.add(item));
  }

  /** Saves what an item has got so far (a case id, say), in its place. */
  put(item) {
    return this.run('readwrite', store => store.put(item));
  }

  all() {
    return this.run('readonly', store => store.getAll());
  }

  count() {
    return this.run('readonly', store => store.count());
  }

  remove(seqs) {
    return this.run('readwrite', store => { seqs.forEach(seq => store.delete(seq)); return null; });
  }
};
