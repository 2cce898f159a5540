import type { Reducer } from "../log/event-log.js";
import type { RegistryEvent, RegistryState } from "./registry-events.js";

export const registryReducer: Reducer<RegistryEvent, RegistryState> = {
  initial: () => ({ apps: [], deployments: [], accessKeys: [], binaries: [] }),
  apply(state, event) {
    switch (event.type) {
      case "appCreated":
        return { ...state, apps: [...state.apps, event.app], deployments: [...state.deployments, ...event.deployments] };
      case "appRenamed":
        return { ...state, apps: state.apps.map((a) => (a.id === event.appId ? { ...a, name: event.name } : a)) };
      case "appDeleted":
        return {
          ...state,
          apps: state.apps.filter((a) => a.id !== event.appId),
          deployments: state.deployments.filter((d) => d.appId !== event.appId),
          binaries: (state.binaries ?? []).filter((b) => b.appId !== event.appId),
        };
      case "deploymentCreated":
        return { ...state, deployments: [...state.deployments, event.deployment] };
      case "deploymentRenamed":
        return {
          ...state,
          deployments: state.deployments.map((d) => (d.id === event.deploymentId ? { ...d, name: event.name } : d)),
        };
      case "deploymentDeleted":
        return { ...state, deployments: state.deployments.filter((d) => d.id !== event.deploymentId) };
      case "accessKeyCreated":
        return { ...state, accessKeys: [...state.accessKeys, event.accessKey] };
      case "accessKeyUpdated":
        return {
          ...state,
          accessKeys: state.accessKeys.map((k) =>
            k.id === event.id
              ? {
                  ...k,
                  ...(event.friendlyName !== undefined ? { friendlyName: event.friendlyName } : {}),
                  ...(event.expires !== undefined ? { expires: event.expires } : {}),
                }
              : k,
          ),
        };
      case "accessKeyDeleted":
        return { ...state, accessKeys: state.accessKeys.filter((k) => k.id !== event.id) };
      case "binaryAdded":
        return { ...state, binaries: [...(state.binaries ?? []), event.binary] };
      case "binaryRemoved":
        return { ...state, binaries: (state.binaries ?? []).filter((b) => b.id !== event.id) };
    }
  },
};
