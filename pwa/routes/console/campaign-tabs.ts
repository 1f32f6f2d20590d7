import { createSignal } from 'solid-js';
import { navigate, path } from '../../lib/router';

/** The tabs of a campaign's page (campaign-view.tsx). */
export type Tab = 'progress' | 'scores' | 'chart' | 'invitations' | 'review' | 'publications';
export const TABS: readonly Tab[] = ['progress', 'scores', 'chart', 'invitations', 'review', 'publications'];

/**
 * The tab shown per campaign, so the way back from a unit page lands on it, and a link on
 * another page (the excluded-responses note) can open one: a signal, so the page already open
 * switches too.
 */
const [tabs, setTabs] = createSignal<Readonly<Record<string, Tab>>>({});

export const shownTab = (campaignId: string): Tab | undefined => tabs()[campaignId];

export function rememberTab(campaignId: string, tab: Tab): void {
  setTabs((t) => ({ ...t, [campaignId]: tab }));
}

/** The address of a unit's page (unit-page.tsx), linked from the scores table and the chart. */
export const unitPath = (campaignId: string, unitId: string): string => `/console/c/${campaignId}/units/${unitId}`;

/** Open a campaign's page at `tab` (the address carries it as #tab). */
export function openCampaignTab(campaignId: string, tab: Tab): void {
  rememberTab(campaignId, tab);
  const to = `/console/c/${campaignId}`;
  if (path() !== to) navigate(to);
  history.replaceState(null, '', `${to}#${tab}`);
  window.scrollTo(0, 0);
}
