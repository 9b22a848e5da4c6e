"use client";

import { useQuery } from "@tanstack/react-query";
import { EMPTY_FILTERS, fetchFilterOptions, logQueryKeys, type LogFilters } from "./logs-api";

const fieldClass = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function LogFiltersBar({ filters, onChange }: { filters: LogFilters; onChange: (filters: LogFilters) => void }) {
  const options = useQuery({ queryKey: logQueryKeys.filterOptions, queryFn: fetchFilterOptions });
  const set = (field: keyof LogFilters) => (event: { target: { value: string } }) => onChange({ ...filters, [field]: event.target.value });
  const active = Object.values(filters).some(Boolean);

  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-[repeat(6,minmax(0,1fr))_auto]" data-testid="log-filters">
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        Model
        <select value={filters.model} onChange={set("model")} className={fieldClass} data-testid="filter-model">
          <option value="">All models</option>
          {options.data?.models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        Provider
        <select value={filters.provider} onChange={set("provider")} className={fieldClass} data-testid="filter-provider">
          <option value="">All providers</option>
          {options.data?.providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        API key
        <select value={filters.key} onChange={set("key")} className={fieldClass} data-testid="filter-key">
          <option value="">All keys</option>
          {options.data?.apiKeys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        Status
        <select value={filters.status} onChange={set("status")} className={fieldClass} data-testid="filter-status">
          <option value="">Any status</option>
          <option value="success">Success</option>
          <option value="error">Error</option>
          <option value="cancelled">Cancelled</option>
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        From
        <input type="date" value={filters.fromDay} max={filters.toDay || undefined} onChange={set("fromDay")} className={fieldClass} data-testid="filter-from" />
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500">
        To
        <input type="date" value={filters.toDay} min={filters.fromDay || undefined} onChange={set("toDay")} className={fieldClass} data-testid="filter-to" />
      </label>
      <button
        type="button"
        disabled={!active}
        onClick={() => onChange(EMPTY_FILTERS)}
        className="self-end rounded-md px-3 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50 disabled:invisible dark:text-indigo-300 dark:hover:bg-indigo-950"
        data-testid="filter-clear"
      >
        Clear
      </button>
    </div>
  );
}
