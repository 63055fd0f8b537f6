// The one pagination shape of every list endpoint (?page=&per_page=): the
// page's items under the list's name, beside {page, per_page, total, has_more}.
// Documented once as the `Pagination` component (lib/openapi/common.ts).
export type Pagination = { page: number; per_page: number; total: number; has_more: boolean };

export function pageInfo(page: number, perPage: number, total: number): Pagination {
  return { page, per_page: perPage, total, has_more: page * perPage < total };
}
