import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { loadCatalogs, type CatalogGroup } from '../i18n/catalogs.ts';

// biome-ignore lint/suspicious/noExplicitAny: pages take different props
type AnyPage = ComponentType<any>;

/**
 * A page that downloads when first shown, with the message catalogs it speaks from, so nobody
 * loads pages (or texts) they never open, and no page shows before its words have arrived.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K, catalogs: CatalogGroup[] = []): LazyExoticComponent<M[K] & AnyPage> {
  return lazy(async () => {
    const [module] = await Promise.all([load(), loadCatalogs(catalogs)]);
    return { default: module[name] as M[K] & AnyPage };
  });
}
