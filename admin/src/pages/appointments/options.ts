import { useEffect, useState } from 'react';
import type { Appointment } from '@beratung/shared';
import { useSession } from '@common/sdk/session';
import type { FilterOption } from './AppointmentFilters';

/** Options by id, sorted by name for the select. */
export function mergeOptions(known: FilterOption[], more: FilterOption[]): FilterOption[] {
  const byId = new Map(known.map((o) => [o.id, o]));
  for (const option of more) if (!byId.has(option.id)) byId.set(option.id, option);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export const counselorsOf = (appointments: Appointment[]) => appointments.map((a) => a.counselor);
export const servicesOf = (appointments: Appointment[]) =>
  appointments.map((a) => ({ id: a.service.id, name: a.service.name }));

/**
 * The center's bookable services (the public list). A service that is no longer offered
 * still shows up in the filter once one of its appointments is listed.
 */
export function useBookableServices(centerId: string): FilterOption[] {
  const { sdk } = useSession();
  const [services, setServices] = useState<FilterOption[]>([]);
  useEffect(() => {
    let active = true;
    sdk.bookingServices(centerId).then(
      (result) => active && setServices(result.services.map(({ id, name }) => ({ id, name }))),
      // Only the filter's choices come from here; the list itself reports its own errors.
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [sdk, centerId]);
  return services;
}
