export {
  canonicalHeaderName,
  fakeFcContext,
  fcSend,
  ossTriggerPayload,
  requestToApiGatewayEvent,
  requestToFc3Event,
  resultToResponse,
  type FcHttpHandler,
} from "./fc-events.js";
export { startFcOverOss, type FcOverOss } from "./fc-over-emulated-oss.js";
