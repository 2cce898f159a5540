import { labelNumber, type Release } from "../domain/release.js";
import type { Reducer } from "../log/event-log.js";
import type { HistoryEvent, HistoryState } from "./history-events.js";

export const historyReducer: Reducer<HistoryEvent, HistoryState> = {
  initial: () => ({ releases: [], lastLabel: 0 }),
  apply(state, event) {
    switch (event.type) {
      case "release": {
        // Committing a release completes the previous newest release's rollout (CodePush rule).
        const releases = state.releases.map((r, i) =>
          i === state.releases.length - 1 && r.rollout !== null ? { ...r, rollout: null } : r,
        );
        releases.push(event.release);
        return { releases, lastLabel: Math.max(state.lastLabel, labelNumber(event.release.label)) };
      }
      case "patch":
        return {
          ...state,
          releases: replace(state.releases, event.label, (r) => {
            const next: Release = { ...r };
            const c = event.changes;
            if (c.appVersion !== undefined) next.appVersion = c.appVersion;
            if (c.description !== undefined) next.description = c.description;
            if (c.isMandatory !== undefined) next.isMandatory = c.isMandatory;
            if (c.isDisabled !== undefined) next.isDisabled = c.isDisabled;
            if (c.rollout !== undefined) next.rollout = c.rollout === 100 ? null : c.rollout;
            return next;
          }),
        };
      case "diff":
        return {
          ...state,
          releases: replace(state.releases, event.label, (r) =>
            r.diffPackageMap?.[event.fromHash]
              ? r
              : { ...r, diffPackageMap: { ...r.diffPackageMap, [event.fromHash]: event.diff } },
          ),
        };
      case "bundlePatch":
        return {
          ...state,
          releases: replace(state.releases, event.label, (r) =>
            r.bundlePatchMap?.[event.fromHash]
              ? r
              : { ...r, bundlePatchMap: { ...r.bundlePatchMap, [event.fromHash]: event.bundlePatch } },
          ),
        };
      case "clear":
        return { releases: [], lastLabel: state.lastLabel };
    }
  },
};

function replace(releases: Release[], label: string, change: (r: Release) => Release): Release[] {
  return releases.map((r) => (r.label === label ? change(r) : r));
}
