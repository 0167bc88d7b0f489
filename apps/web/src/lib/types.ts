// API response types, derived from the database types and the services' return types (dates arrive as ISO strings)
// — never restated by hand.
import type {
  agentAnalytics,
  agentCosts,
  agentOverview,
  BudgetPut,
  checkMcpServer,
  compareTestSuiteRuns,
  createDestination,
  DocumentCreateInput,
  decideProposal,
  EffectivePolicy,
  ExperimentProgress,
  ExperimentStats,
  FeedbackPut,
  GoalCreateInput,
  GoalDetail as GoalDetailRow,
  GuardrailConfig,
  getBudget,
  getGuardrails,
  getLearningPolicy,
  getLearningSession,
  getTestSuiteRun,
  getTrace,
  giveFeedback,
  judgeAgreement,
  KnowledgeBaseCreateInput,
  learningDashboard,
  learningMetrics,
  listDestinations,
  listDocuments,
  listEvaluations,
  listFeedback,
  listKnowledgeBases,
  listLearningExperiments,
  listLearningProposals,
  listLearningSessions,
  listMcpServers,
  listPrices,
  listTestCases,
  listTestSuiteRuns,
  McpServerCreateInput,
  McpServerUpdateInput,
  McpServerView,
  McpToolView,
  PriceOverridePut,
  ProviderInfo,
  RunDetail as RunDetailRow,
  runFeedback,
  ScorerInfo,
  SearchHit,
  SignalPatterns,
  StoredGoalPlan,
  searchKnowledgeBase,
  startTestSuite,
  TestCaseCreate,
  ToolCatalogEntry,
  TripRequestInput,
  threadRuns,
  updateLearningPolicy,
  WorkflowDescription,
  WorkflowRunDetail as WorkflowRunDetailRow,
} from '@trellis/core';
import type {
  Agent as AgentRow,
  AgentAlert as AlertRow,
  AuditLog as AuditLogRow,
  GuardrailEvent as GuardrailEventRow,
  ModelPriceOverride as PriceOverrideRow,
  CostRecommendation as RecommendationRow,
  AgentRun as RunRow,
  AgentTraceStep as StepRow,
  AgentToolCall as ToolCallRow,
  AgentVersion as VersionRow,
} from '@trellis/db';

/** What JSON.stringify makes of a row: Date → string, recursively. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type Agent = Json<AgentRow> & { tools: string[] };
export type AgentActivity = { lastRunAt: string | null; runs7d: number; failed7d: number };
export type AgentListItem = Agent & { activity: AgentActivity | null };
export type AgentVersion = Json<VersionRow>;
export type Run = Json<RunRow>;
export type TraceStep = Json<StepRow>;
export type ToolCall = Json<ToolCallRow>;
export type RunDetail = Json<RunDetailRow>;

/** GET /api/agents/{id}/overview. */
export type Overview = Json<Awaited<ReturnType<typeof agentOverview>>>;
/** GET /api/agents/{id}/analytics: daily series, tool usage, model comparison and per-version figures. */
export type AgentAnalytics = Json<Awaited<ReturnType<typeof agentAnalytics>>>;
/** GET /api/agents/{id}/runs/{runId}/trace: a finished run's steps, tool calls and figures. */
export type RunTrace = Json<Awaited<ReturnType<typeof getTrace>>>;
/** GET /api/agents/{id}/costs. */
export type AgentCosts = Json<Awaited<ReturnType<typeof agentCosts>>>;
export type CostRecommendation = Json<RecommendationRow>;
/** GET/PUT /api/agents/{id}/budget and /api/budget: the policy (or null) and this month's spend. */
export type Budget = Json<Awaited<ReturnType<typeof getBudget>>>;
export type BudgetInput = BudgetPut;
export type Alert = Json<AlertRow>;
/** One audit_log row: who did what to which entity, with before/after in its metadata. */
export type AuditEntry = Json<AuditLogRow>;
export type AlertDestination = Json<Awaited<ReturnType<typeof listDestinations>>[number]>;
export type AlertDestinationInput = Parameters<typeof createDestination>[1];
export type PriceOverride = Json<PriceOverrideRow>;
export type Prices = Json<Awaited<ReturnType<typeof listPrices>>>;
export type PriceOverrideInput = PriceOverridePut;
/** GET/PUT /api/agents/{id}/guardrails and /api/guardrails: a scope's own policy, the organization's, and the policy
 * in force (for an agent, the stricter of the two on every check). */
export type Guardrails = Json<Awaited<ReturnType<typeof getGuardrails>>>;
export type GuardrailEvent = Json<GuardrailEventRow>;
export type { EffectivePolicy, GuardrailConfig };
/** GET /api/goals/{id}: a goal with its plan (as stored) and its steps in order. */
export type GoalDetail = Omit<Json<GoalDetailRow>, 'plan'> & { plan: StoredGoalPlan | null };
export type Goal = Omit<GoalDetail, 'steps'>;
export type GoalStep = GoalDetail['steps'][number];
export type GoalInput = GoalCreateInput;
/** GET /api/workflows/{id}: a code-defined workflow, its steps, the stages they run in and its input schema. */
export type Workflow = WorkflowDescription;
/** GET /api/workflows/{id}/runs/{runId}: a workflow run with its steps in the workflow's order. */
export type WorkflowRunDetail = Json<WorkflowRunDetailRow>;
export type WorkflowRun = Omit<WorkflowRunDetail, 'steps'>;
export type WorkflowStep = WorkflowRunDetail['steps'][number];
/** The trip planner's input. */
export type TripInput = TripRequestInput;

/** GET /api/agents/{id}/evaluations: the agent's scorers, its scored runs (a page), daily means and worst runs. */
export type AgentEvaluations = Json<Awaited<ReturnType<typeof listEvaluations>>>;
/** A run's scores by each scorer, its mean quality (higher is better), question and answer. */
export type ScoredRun = AgentEvaluations['evaluations'][number];
/** One verdict on a run: thumbs, an optional 1–5 rating and comment, by one person or API key. */
export type Feedback = Json<Awaited<ReturnType<typeof giveFeedback>>>;
export type FeedbackInput = FeedbackPut;
/** GET /api/agents/{id}/runs/{runId}/feedback: the run's feedback and the caller's own verdict. */
export type RunFeedback = Json<Awaited<ReturnType<typeof runFeedback>>>;
/** GET /api/agents/{id}/feedback: a page of the agent's feedback, its daily aggregates and the range's totals. */
export type AgentFeedback = Json<Awaited<ReturnType<typeof listFeedback>>>;

/** GET /api/agents/{id}/evaluations/agreement: each scorer's agreement with people (κ, precision, recall). */
export type JudgeAgreement = Json<Awaited<ReturnType<typeof judgeAgreement>>>;
export type ScorerAgreement = JudgeAgreement['scorers'][number];

/** GET /api/agents/{id}/test-cases entries: a question, the expected answer and how to match it. */
export type TestCase = Json<Awaited<ReturnType<typeof listTestCases>>['testCases'][number]>;
export type TestCaseInput = TestCaseCreate;
export type MatchMode = TestCase['matchMode'];
/** POST /api/agents/{id}/test: the suite run started in the background. */
export type SuiteStarted = Json<Awaited<ReturnType<typeof startTestSuite>>>;
/** GET /api/agents/{id}/test-runs entries, newest first. */
export type SuiteRun = Json<Awaited<ReturnType<typeof listTestSuiteRuns>>['suiteRuns'][number]>;
/** GET /api/agents/{id}/test-runs/{suiteRunId}: the suite run, its progress (0–1) and each case's result. */
export type SuiteRunDetail = Json<Awaited<ReturnType<typeof getTestSuiteRun>>>;
export type CaseResult = SuiteRunDetail['results'][number];
/** GET …/test-runs/{a}/compare/{b}: what b fixed and regressed against a, case by case. */
export type SuiteComparison = Json<Awaited<ReturnType<typeof compareTestSuiteRuns>>>;
export type CaseChange = SuiteComparison['cases'][number]['change'];

/** GET /api/agents/tools, /api/agents/scorers and /api/models entries. */
export type ToolInfo = ToolCatalogEntry;
export type { ProviderInfo, ScorerInfo };

export const DEMO_PROVIDER = 'demo';
export const DEMO_LABEL = 'demo (offline)';

/** A run of a conversation thread, with its tool calls and the reply metadata the chat shows. */
export type ThreadRun = Json<Awaited<ReturnType<typeof threadRuns>>[number]>;

/** GET /api/agents/{id}/learning: status, policy, open session, signals, proposals, experiments and promotion counts. */
export type LearningDashboard = Json<Awaited<ReturnType<typeof learningDashboard>>>;
/** GET/POST /api/agents/{id}/learning/policy: every overridable field, whether it is saved, and the defaults. */
export type LearningPolicy = Json<Awaited<ReturnType<typeof getLearningPolicy>>>;
export type LearningPolicyInput = Parameters<typeof updateLearningPolicy>[2];
/** GET /api/agents/{id}/learning/sessions entries, newest first, with the ids of their proposals. */
export type LearningSession = Json<Awaited<ReturnType<typeof listLearningSessions>>['sessions'][number]>;
/** GET /api/agents/{id}/learning/sessions/{sessionId}: the session with its signals and proposals. */
export type LearningSessionDetail = Json<Awaited<ReturnType<typeof getLearningSession>>>;
export type LearningSignal = LearningSessionDetail['signals'][number];
/** A proposed change with its diff, risk tier, gate and approvals. */
export type LearningProposal = Json<Awaited<ReturnType<typeof listLearningProposals>>['proposals'][number]>;
export type LearningApproval = LearningProposal['approvals'][number];
/** POST …/learning/proposals/{proposalId}/approve|reject. */
export type LearningDecision = Json<Awaited<ReturnType<typeof decideProposal>>>;
/** A shadow A/B experiment; `live` holds a running one's statistics computed now. */
export type LearningExperiment = Json<Awaited<ReturnType<typeof listLearningExperiments>>['experiments'][number]>;
export type { ExperimentProgress, ExperimentStats, SignalPatterns };
/** GET /api/agents/{id}/learning/metrics: daily learning figures over a range and the range's KPIs. */
export type LearningMetrics = Json<Awaited<ReturnType<typeof learningMetrics>>>;

/** GET /api/mcp-servers entries: a server with its health; its env and header values are never returned (only names). */
export type McpServer = Json<McpServerView>;
export type McpServerInput = McpServerCreateInput;
export type McpServerUpdate = McpServerUpdateInput;
/** A tool an MCP server offers, named as agents use it: `<server>_<tool>`. */
export type McpTool = McpToolView;
/** A catalog server of this deployment (configured from its environment, shared by every organization). */
export type McpCatalogServer = Awaited<ReturnType<typeof listMcpServers>>['catalog'][number];
/** POST /api/mcp-servers/{id}/test: the tools, or the error. */
export type McpCheck = Awaited<ReturnType<typeof checkMcpServer>>;

/** GET /api/knowledge-bases entries: a knowledge base with its document and chunk counts. */
export type KnowledgeBase = Json<Awaited<ReturnType<typeof listKnowledgeBases>>['knowledgeBases'][number]>;
export type KnowledgeBaseInput = KnowledgeBaseCreateInput;
/** A knowledge base's document: its ingest status and progress (0–1), chunk count and error. */
export type KnowledgeDocument = Json<Awaited<ReturnType<typeof listDocuments>>[number]>;
export type KnowledgeDocumentInput = DocumentCreateInput;
/** GET /api/knowledge-bases/{id}/search: the mode used and the ranked hits. */
export type KnowledgeSearch = Awaited<ReturnType<typeof searchKnowledgeBase>>;
export type KnowledgeHit = SearchHit;
