import { InvalidRequestError, parsePackageInfo, toLabelMetrics, type Hotpatch, type ObjectStore } from "@hotpatch/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { readJsonObject } from "../read-json.js";
import { requireAccessKey, type AuthEnv } from "./auth.js";
import { accessKeyView, appView, binaryView, deploymentView, packageView } from "./views.js";

export interface ManagementOptions {
  /** The single account's e-mail, shown as the owner of every app. */
  ownerEmail: string;
}

const MULTIPART_OVERHEAD = 1024 * 1024;
const MANAGEMENT_PATHS = ["/authenticated", "/account", "/accessKeys", "/accessKeys/*", "/sessions/*", "/apps", "/apps/*"];

/** The CodePush management API (codepush.md §3), for `code-push-standalone` and `hotpatch` CLIs. */
export function managementRoutes(hotpatch: Hotpatch, store: ObjectStore, options: ManagementOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>({ strict: false });
  // Only management paths need a key; anything else falls through to a plain 404.
  const auth = requireAccessKey(hotpatch);
  for (const path of MANAGEMENT_PATHS) app.use(path, auth);
  const { apps, accessKeys, publish } = hotpatch;

  app.get("/authenticated", (c) => c.json({ authenticated: true }));
  app.get("/account", (c) =>
    c.json({ account: { email: options.ownerEmail, name: options.ownerEmail, linkedProviders: [] } }),
  );

  // Access keys
  app.get("/accessKeys", async (c) => c.json({ accessKeys: (await accessKeys.list()).map(accessKeyView) }));
  app.post("/accessKeys", async (c) => {
    const body = await readJsonObject(c);
    const { accessKey, secret } = await accessKeys.create({
      friendlyName: body.friendlyName ?? body.description,
      ttl: body.ttl,
      createdBy: body.createdBy,
    });
    c.header("Location", `/accessKeys/${encodeURIComponent(accessKey.friendlyName)}`);
    return c.json({ accessKey: { ...accessKeyView(accessKey), name: secret } }, 201);
  });
  app.get("/accessKeys/:name", async (c) => {
    const { name: _hidden, ...view } = accessKeyView(await accessKeys.get(c.req.param("name")));
    return c.json({ accessKey: view });
  });
  app.patch("/accessKeys/:name", async (c) => {
    const body = await readJsonObject(c);
    const key = await accessKeys.update(c.req.param("name"), { friendlyName: body.friendlyName, ttl: body.ttl });
    return c.json({ accessKey: accessKeyView(key) });
  });
  app.delete("/accessKeys/:name", async (c) => {
    await accessKeys.remove(c.req.param("name"));
    return c.body(null, 204);
  });
  app.delete("/sessions/:createdBy", async (c) => {
    await accessKeys.removeSessions(c.req.param("createdBy"));
    return c.body(null, 204);
  });

  // Apps
  app.get("/apps", async (c) => c.json({ apps: (await apps.list()).map((v) => appView(v, options.ownerEmail)) }));
  app.post("/apps", async (c) => {
    const body = await readJsonObject(c);
    const view = await apps.create(body.name, { manuallyProvisionDeployments: body.manuallyProvisionDeployments === true });
    c.header("Location", `/apps/${encodeURIComponent(view.app.name)}`);
    return c.json({ app: appView(view, options.ownerEmail) }, 201);
  });
  app.get("/apps/:app", async (c) => c.json({ app: appView(await apps.get(c.req.param("app")), options.ownerEmail) }));
  app.patch("/apps/:app", async (c) => {
    const body = await readJsonObject(c);
    const name = body.name ?? c.req.param("app");
    return c.json({ app: appView(await apps.rename(c.req.param("app"), name), options.ownerEmail) });
  });
  app.delete("/apps/:app", async (c) => {
    await apps.remove(c.req.param("app"));
    return c.body(null, 204);
  });
  app.get("/apps/:app/collaborators", async (c) => {
    await apps.get(c.req.param("app"));
    return c.json({ collaborators: { [options.ownerEmail]: { isCurrentAccount: true, permission: "Owner" } } });
  });
  const singleAccount = () => {
    throw new InvalidRequestError("this hotpatch server has a single account; share access keys instead of adding collaborators");
  };
  app.post("/apps/:app/collaborators/:email", singleAccount);
  app.delete("/apps/:app/collaborators/:email", singleAccount);
  app.post("/apps/:app/transfer/:email", singleAccount);

  // Deployments
  app.get("/apps/:app/deployments", async (c) => {
    const deployments = await apps.listDeployments(c.req.param("app"));
    return c.json({ deployments: await Promise.all(deployments.map(async (d) => deploymentView(d, await publish.latest(d.id), store))) });
  });
  app.post("/apps/:app/deployments", async (c) => {
    const body = await readJsonObject(c);
    const deployment = await apps.createDeployment(c.req.param("app"), body.name, body.key);
    c.header("Location", `/apps/${encodeURIComponent(c.req.param("app"))}/deployments/${encodeURIComponent(deployment.name)}`);
    return c.json({ deployment: await deploymentView(deployment, undefined, store) }, 201);
  });
  app.get("/apps/:app/deployments/:dep", async (c) => {
    const deployment = await apps.getDeployment(c.req.param("app"), c.req.param("dep"));
    return c.json({ deployment: await deploymentView(deployment, await publish.latest(deployment.id), store) });
  });
  app.patch("/apps/:app/deployments/:dep", async (c) => {
    const body = await readJsonObject(c);
    const deployment = await apps.renameDeployment(c.req.param("app"), c.req.param("dep"), body.name ?? c.req.param("dep"));
    return c.json({ deployment: await deploymentView(deployment, await publish.latest(deployment.id), store) });
  });
  app.delete("/apps/:app/deployments/:dep", async (c) => {
    const { deployment } = await hotpatch.registry.requireDeployment(c.req.param("app"), c.req.param("dep"));
    await apps.removeDeployment(c.req.param("app"), c.req.param("dep"));
    await hotpatch.metrics.clear(deployment.id);
    return c.body(null, 204);
  });

  // Store binaries (the bundle embedded in a store build, to diff from)
  app.use("/apps/:app/binaries", uploadLimitFor(hotpatch));
  app.get("/apps/:app/binaries", async (c) => c.json({ binaries: (await hotpatch.binaries.list(c.req.param("app"))).map(binaryView) }));
  app.post("/apps/:app/binaries", async (c) => {
    const form = await readMultipart(c.req.raw);
    const file = form.get("package");
    if (!(file instanceof File)) throw new InvalidRequestError('the multipart field "package" (a zip of CodePush/<bundle> and CodePush/assets/…) is missing', "package");
    const info = parseJsonField(form.get("binaryInfo"));
    const fields = typeof info === "object" && info !== null ? (info as Record<string, unknown>) : {};
    const binary = await hotpatch.binaries.add(c.req.param("app"), fields.platform, fields.appVersion, new Uint8Array(await file.arrayBuffer()));
    return c.json({ binary: binaryView(binary) }, 201);
  });
  app.delete("/apps/:app/binaries/:platform/:appVersion", async (c) => {
    await hotpatch.binaries.remove(c.req.param("app"), c.req.param("platform"), c.req.param("appVersion"));
    return c.body(null, 204);
  });

  // Releases
  const uploadLimit = uploadLimitFor(hotpatch);
  app.post("/apps/:app/deployments/:dep/release", uploadLimit, async (c) => {
    const form = await readMultipart(c.req.raw);
    const file = form.get("package");
    if (!(file instanceof File)) throw new InvalidRequestError('the multipart field "package" (the release file) is missing', "package");
    const info = parsePackageInfo(parseJsonField(form.get("packageInfo")));
    const { release } = await hotpatch.upload.execute({
      appName: c.req.param("app"),
      deploymentName: c.req.param("dep"),
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || "package",
      options: info.options,
      releasedBy: c.var.accessKey.friendlyName,
    });
    c.header("Location", `/apps/${encodeURIComponent(c.req.param("app"))}/deployments/${encodeURIComponent(c.req.param("dep"))}`);
    return c.json({ package: await packageView(release, store, { rolloutAsHundred: true }) }, 201);
  });
  app.patch("/apps/:app/deployments/:dep/release", async (c) => {
    const info = parsePackageInfo((await readJsonObject(c)).packageInfo);
    const release = await publish.patch(c.req.param("app"), c.req.param("dep"), info.label, info.options);
    if (!release) return c.body(null, 204);
    return c.json({ package: await packageView(release, store, { rolloutAsHundred: true }) });
  });
  app.post("/apps/:app/deployments/:src/promote/:dst", async (c) => {
    const info = parsePackageInfo((await readJsonObject(c, { allowEmpty: true })).packageInfo);
    const release = await publish.promote(c.req.param("app"), c.req.param("src"), c.req.param("dst"), info.label, info.options);
    c.header("Location", `/apps/${encodeURIComponent(c.req.param("app"))}/deployments/${encodeURIComponent(c.req.param("dst"))}`);
    return c.json({ package: await packageView(release, store, { rolloutAsHundred: true }) }, 201);
  });
  const rollback = async (appName: string, dep: string, label: string | undefined) => {
    if (label !== undefined && !/^v[1-9][0-9]*$/.test(label)) throw new InvalidRequestError('label must look like "v1", "v2", ...', "label");
    return publish.rollback(appName, dep, label);
  };
  app.post("/apps/:app/deployments/:dep/rollback/:label?", async (c) => {
    const release = await rollback(c.req.param("app"), c.req.param("dep"), c.req.param("label") || undefined);
    return c.json({ package: await packageView(release, store, { rolloutAsHundred: true }) }, 201);
  });
  app.get("/apps/:app/deployments/:dep/history", async (c) => {
    const history = await publish.history(c.req.param("app"), c.req.param("dep"));
    return c.json({ history: await Promise.all(history.map((r) => packageView(r, store))) });
  });
  app.delete("/apps/:app/deployments/:dep/history", async (c) => {
    const { deployment } = await hotpatch.registry.requireDeployment(c.req.param("app"), c.req.param("dep"));
    await publish.clear(c.req.param("app"), c.req.param("dep"));
    await hotpatch.metrics.clear(deployment.id);
    return c.body(null, 204);
  });
  app.get("/apps/:app/deployments/:dep/metrics", async (c) => {
    const { deployment } = await hotpatch.registry.requireDeployment(c.req.param("app"), c.req.param("dep"));
    return c.json({ metrics: toLabelMetrics(await hotpatch.metrics.read(deployment.id)) });
  });
  return app;
}

function uploadLimitFor(hotpatch: Hotpatch) {
  return bodyLimit({
    maxSize: hotpatch.limits.maxPackageBytes + MULTIPART_OVERHEAD,
    // The rest of the body is never read: close the connection so that no client reuses it.
    onError: (c) => c.text(`the upload is larger than the limit of ${hotpatch.limits.maxPackageBytes} bytes`, 413, { Connection: "close" }),
  });
}

async function readMultipart(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new InvalidRequestError('expected a multipart/form-data body with a "package" file and a "packageInfo" field', "body");
  }
}

function parseJsonField(value: FormDataEntryValue | null): unknown {
  if (value === null) return {};
  if (typeof value !== "string") throw new InvalidRequestError("packageInfo must be a JSON text field", "packageInfo");
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidRequestError("packageInfo is not valid JSON", "packageInfo");
  }
}
