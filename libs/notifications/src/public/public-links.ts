/** The public URLs of one tenant: what emails, feeds and pages link to (see issue4-shared contracts). */
export function publicLinks(baseUrl: string, slug: string) {
  const root = `${baseUrl}/t/${encodeURIComponent(slug)}`;
  const withQuery = (path: string, query: Record<string, string | undefined>) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    return params ? `${root}/${path}?${params}` : `${root}/${path}`;
  };
  return {
    page: (query: { lang?: string; product?: string; asOf?: string } = {}) => withQuery('subprocessors', query),
    json: (product?: string) => withQuery('subprocessors.json', { product }),
    atom: (product?: string) => withQuery('subprocessors.atom', { product }),
    subscribe: () => `${root}/subscribe`,
    confirm: (token: string) => withQuery('confirm', { token }),
    unsubscribe: (token: string) => withQuery('unsubscribe', { token }),
    object: (token: string) => withQuery('object', { token }),
  };
}
