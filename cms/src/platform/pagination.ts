/** The page a list request asks for (validated by each route's zod schema). */
export interface Page {
  page: number;
  pageSize: number;
}

/** `meta.pagination` of every paged answer (API.md "Pagination"). */
export const pagination = (p: Page, total: number) => ({
  page: p.page,
  pageSize: p.pageSize,
  pageCount: Math.ceil(total / p.pageSize),
  total,
});
