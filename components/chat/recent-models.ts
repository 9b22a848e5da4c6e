const storageKey = "switchyard:recent-models";
const keep = 6;

/** Recently picked model ids, newest first. Storage can be off (private mode), so failures mean "no history". */
export function readRecentModels(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((value): value is string => typeof value === "string").slice(0, keep) : [];
  } catch {
    return [];
  }
}

export function rememberRecentModel(id: string): string[] {
  const next = [id, ...readRecentModels().filter((existing) => existing !== id)].slice(0, keep);
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the pick still works, it just isn't remembered.
  }
  return next;
}
