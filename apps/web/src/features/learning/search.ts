// The Learning page's URL search: which tab shows (Sessions by default), in the order of the tab list.
const tabs = {
  sessions: 'Sessions',
  proposals: 'Proposals',
  experiments: 'Experiments',
  metrics: 'Metrics',
  settings: 'Settings',
} as const;

export type LearningTab = keyof typeof tabs;
export const learningTabs = Object.keys(tabs) as [LearningTab, ...LearningTab[]];
export const tabLabel = (tab: LearningTab) => tabs[tab];
