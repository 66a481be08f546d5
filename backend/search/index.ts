// Search: the term index, the writer that keeps it current, and the query.
import type {Connection} from 'mongoose';
import type {EventBus} from '../infra/bus.js';
import type {Logger} from '../logger.js';
import type {Models} from '../models/index.js';
import {bind} from '../models/shared.js';
import {searchTermSchema, type SearchTerm} from './model.js';
import {createIndexer} from './indexer.js';
import {createSearchService} from './service.js';

export function searchTermModel(db: Connection) {
  return bind<SearchTerm>(db, 'SearchTerm', searchTermSchema);
}

export function createSearch(deps: {db: Connection; models: Models; bus: EventBus; logger: Logger}) {
  const terms = searchTermModel(deps.db);
  const indexer = createIndexer({models: deps.models, terms, bus: deps.bus, logger: deps.logger});
  const service = createSearchService({models: deps.models, terms});
  return {
    search: service.search,
    indexer,
    terms,
    prepare: () => terms.createIndexes().then(() => undefined),
  };
}

export type Search = ReturnType<typeof createSearch>;
