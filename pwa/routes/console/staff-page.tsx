import { createMemo, Show } from 'solid-js';
import { Failure } from './failure';
import { StaffAssign } from './staff-assign';
import { StaffCreate } from './staff-create';
import { StaffTable } from './staff-table';
import { st } from './staff-text';
import type { UserView } from './staff-types';
import { failureOf, useJson } from './use-api';

/** `/console/staff` (admin): staff accounts and collector assignments. */
export function StaffPage(props: { token: string; selfId: string }) {
  const [data, refetch] = useJson<UserView[]>(() => props.token, () => '/api/users');
  const users = createMemo(() => {
    const d = data();
    return d?.ok ? d.value : [];
  });
  const collectors = createMemo(() => users().filter((u) => u.role === 'collector' && !u.disabled));
  return (
    <>
      <section class="card">
        <h1>{st().staffTitle}</h1>
        <p class="muted">{st().staffLead}</p>
      </section>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <StaffTable token={props.token} selfId={props.selfId} users={users()} onChanged={refetch} />
      <StaffCreate token={props.token} onCreated={refetch} />
      <StaffAssign token={props.token} collectors={collectors()} />
    </>
  );
}
