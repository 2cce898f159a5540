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
