// Builds the pipeline's ports from the domain modules: the only place that knows which module
// answers which question of the pipeline.
import { z } from 'zod';
import type { Config } from '../config.js';
import type { KnowledgeModule } from '../knowledge/knowledge-module.js';
import type { LlmModule } from '../llm/llm-module.js';
import { detectLanguage } from '../nlu/language.js';
import type { NluModule } from '../nlu/nlu-module.js';
import { decideRoute } from '../nlu/route-decider.js';
import { sentimentScore } from '../nlu/sentiment.js';
import { normaliseText } from '../nlu/text-normalise.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import type { TurnPorts } from './pipeline.js';
import { loadReplyCatalogs } from './replies.js';
import { ROUTES } from './turn-types.js';

const llmRouteSchema = z.object({ route: z.enum(ROUTES), intent: z.string().max(60), confidence: z.number().min(0).max(1) });

export function createTurnPorts(deps: { config: Config; nlu: NluModule; knowledge: KnowledgeModule; complaints: { intake: TurnPorts['complaints'] & { startWithLlm: TurnPorts['complaints']['start'] } }; llm: LlmModule }): TurnPorts {
  const { nlu, knowledge, llm } = deps;
  return {
    normalise: normaliseText,
    mask: (text) => {
      const r = maskPersonalData(text);
      return { text: r.text, found: r.found };
    },
    detectLanguage,
    sentiment: sentimentScore,
    async route({ text, locale }) {
      const candidates = knowledge.search(text, locale, 3);
      let verdict = decideRoute({ rule: nlu.rules(text, locale), classifier: nlu.classify(text), knowledge: candidates[0] ?? null, cues: nlu.cues(text) });
      // The model only gets a say where the embedded path is unsure; its answer must parse or is ignored.
      if (llm.enabled && verdict.route === 'fallback') {
        const r = await llm.structured({ prompt: 'route-classification', variables: { message: text, locale, candidates: candidates.map((c) => c.title).join('\n') }, schema: llmRouteSchema });
        if (r && r.value.confidence >= 0.6 && !(r.value.route === 'faq' && !candidates.length)) {
          verdict = { route: r.value.route, intent: r.value.intent, confidence: r.value.confidence, decidedBy: 'llm' };
        }
      }
      return { ...verdict, candidates };
    },
    // With a model, the intake's first step also asks it to extract the complaint's details.
    complaints: llm.enabled ? { ...deps.complaints.intake, start: (input) => deps.complaints.intake.startWithLlm(input) } : deps.complaints.intake,
    phraseAnswer: llm.enabled
      ? async ({ question, locale, candidates, onDelta }) => {
          const r = await llm.text({
            onDelta,
            prompt: 'grounded-answer',
            variables: { question, locale, entries: candidates.map((c, i) => `[${i + 1}] Q: ${c.title}\nA: ${c.answer}`).join('\n\n') },
          });
          return r ? { text: r.value, model: r.model } : null;
        }
      : undefined,
    replies: loadReplyCatalogs(),
    hotlines: { hotline: deps.config.BANK_HOTLINE, fraudHotline: deps.config.BANK_FRAUD_HOTLINE },
  };
}
