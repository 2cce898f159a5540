import { AcquisitionManager, AcquisitionStatus, type Callback, type Http, type LocalPackage, type NativeUpdateNotification, type Package, type RemotePackage } from "code-push/script/acquisition-sdk.js";

const VERBS = ["GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PATCH"];

/** The HTTP requester react-native-code-push 9 plugs into the SDK (request-fetch-adapter.js), over fetch. */
const fetchRequester: Http.Requester = {
  request(verb: Http.Verb, url: string, bodyOrCallback: string | Callback<Http.Response>, maybeCallback?: Callback<Http.Response>) {
    const callback = (typeof bodyOrCallback === "function" ? bodyOrCallback : maybeCallback) as Callback<Http.Response>;
    const body = typeof bodyOrCallback === "string" ? bodyOrCallback : undefined;
    fetch(url, {
      method: VERBS[verb],
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CodePush-Plugin-Name": "react-native-code-push",
        "X-CodePush-Plugin-Version": "9.0.1",
        "X-CodePush-SDK-Version": "4.2.3",
      },
      ...(body !== undefined ? { body } : {}),
    }).then(
      async (response) => callback(null as unknown as Error, { statusCode: response.status, body: await response.text() }),
      (error: Error) => callback(error, undefined as unknown as Http.Response),
    );
  },
};

/** A device: the real CodePush acquisition SDK (npm `code-push` 4.2.3) with promise wrappers. */
export class Device {
  readonly sdk: AcquisitionManager;
  constructor(
    serverUrl: string,
    readonly deploymentKey: string,
    readonly appVersion: string,
    readonly clientUniqueId: string,
  ) {
    this.sdk = new AcquisitionManager(fetchRequester, { serverUrl, deploymentKey, appVersion, clientUniqueId, ignoreAppVersion: false });
  }

  check(current: Partial<Package>): Promise<RemotePackage | NativeUpdateNotification | null> {
    return new Promise((resolve, reject) =>
      this.sdk.queryUpdateWithCurrentPackage({ appVersion: this.appVersion, ...current } as Package, (error, result) =>
        error ? reject(error) : resolve((result ?? null) as RemotePackage | NativeUpdateNotification | null),
      ),
    );
  }

  reportDownload(pkg: Package): Promise<void> {
    return new Promise((resolve, reject) => this.sdk.reportStatusDownload(pkg, (error) => (error ? reject(error) : resolve())));
  }

  reportDeploy(pkg: Package | undefined, status: string | undefined, previousLabelOrAppVersion?: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.sdk.reportStatusDeploy(pkg, status, previousLabelOrAppVersion, this.deploymentKey, (error) => (error ? reject(error) : resolve())),
    );
  }
}

export { AcquisitionStatus, type LocalPackage, type RemotePackage };
