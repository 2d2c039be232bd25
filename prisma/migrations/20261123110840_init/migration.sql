-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('zh-CN', 'en');

-- CreateEnum
CREATE TYPE "CustomerSegment" AS ENUM ('ordinary', 'key', 'vip');

-- CreateEnum
CREATE TYPE "ConversationState" AS ENUM ('bot', 'waiting', 'human', 'closed');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('customer', 'bot', 'agent', 'system');

-- CreateEnum
CREATE TYPE "AgentRole" AS ENUM ('agent', 'supervisor', 'admin');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('received', 'acknowledged', 'investigating', 'resolution_proposed', 'approved', 'resolved', 'follow_up', 'closed', 'rejected', 'reopened');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('low', 'medium', 'high', 'crisis');

-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('waiting', 'active', 'closed', 'abandoned');

-- CreateEnum
CREATE TYPE "RatingKind" AS ENUM ('csat', 'nps');

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "externalId" TEXT,
    "nameEncrypted" TEXT,
    "phoneEncrypted" TEXT,
    "emailEncrypted" TEXT,
    "phoneHash" TEXT,
    "segment" "CustomerSegment" NOT NULL DEFAULT 'ordinary',
    "locale" "Locale" NOT NULL DEFAULT 'zh-CN',
    "vulnerable" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "erasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "customerId" UUID,
    "channel" TEXT NOT NULL,
    "channelConversationId" TEXT,
    "locale" "Locale" NOT NULL DEFAULT 'zh-CN',
    "state" "ConversationState" NOT NULL DEFAULT 'bot',
    "tokenHash" TEXT NOT NULL,
    "dialog" JSONB NOT NULL DEFAULT '{}',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "lastRoute" TEXT,
    "lastIntent" TEXT,
    "resolvedBy" TEXT,
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastMessageAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstResponseAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "author" "MessageAuthor" NOT NULL,
    "agentId" UUID,
    "text" TEXT NOT NULL,
    "masked" BOOLEAN NOT NULL DEFAULT false,
    "originalEncrypted" TEXT,
    "clientMessageId" TEXT,
    "route" TEXT,
    "intent" TEXT,
    "confidence" DOUBLE PRECISION,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "category" TEXT NOT NULL,
    "questions" TEXT[],
    "answer" TEXT NOT NULL,
    "tags" TEXT[],
    "followUps" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'default',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KnowledgeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "customerId" UUID,
    "conversationId" UUID,
    "channel" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'zh-CN',
    "status" "ComplaintStatus" NOT NULL DEFAULT 'received',
    "severity" "Severity" NOT NULL DEFAULT 'low',
    "severityReasons" TEXT[],
    "category" TEXT NOT NULL,
    "cause" TEXT,
    "description" TEXT NOT NULL,
    "descriptionEncrypted" TEXT,
    "amount" DECIMAL(14,2),
    "currency" TEXT,
    "occurredText" TEXT,
    "occurredOn" DATE,
    "desiredOutcome" TEXT,
    "contactPreference" TEXT,
    "contactEncrypted" TEXT,
    "assignedAgentId" UUID,
    "resolution" TEXT,
    "ackDueAt" TIMESTAMPTZ(3) NOT NULL,
    "investigationDueAt" TIMESTAMPTZ(3) NOT NULL,
    "resolutionDueAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "investigationReportedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "triagedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" BIGSERIAL NOT NULL,
    "complaintId" UUID NOT NULL,
    "fromStatus" "ComplaintStatus",
    "toStatus" "ComplaintStatus" NOT NULL,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "scope" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "ServiceClockBreach" (
    "id" UUID NOT NULL,
    "complaintId" UUID,
    "handoffId" UUID,
    "clock" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "escalatedTo" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ServiceClockBreach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisAlert" (
    "id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "complaintCount" INTEGER NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "complaintRefs" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedBy" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CrisisAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxJob" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "complaintId" UUID,
    "conversationId" UUID,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "complaintId" UUID,
    "status" "HandoffStatus" NOT NULL DEFAULT 'waiting',
    "reason" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "locale" "Locale" NOT NULL,
    "skill" TEXT,
    "agentId" UUID,
    "summary" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "disposition" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "AgentRole" NOT NULL DEFAULT 'agent',
    "skills" TEXT[],
    "languages" "Locale"[],
    "maxConcurrent" INTEGER NOT NULL DEFAULT 3,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentSession" (
    "id" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AgentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelReference" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "channelId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChannelReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" UUID NOT NULL,
    "kind" "RatingKind" NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "conversationId" UUID,
    "complaintId" UUID,
    "handoffId" UUID,
    "agentId" UUID,
    "channel" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_externalId_key" ON "Customer"("externalId");

-- CreateIndex
CREATE INDEX "Customer_phoneHash_idx" ON "Customer"("phoneHash");

-- CreateIndex
CREATE INDEX "Customer_segment_idx" ON "Customer"("segment");

-- CreateIndex
CREATE INDEX "Conversation_customerId_idx" ON "Conversation"("customerId");

-- CreateIndex
CREATE INDEX "Conversation_state_lastMessageAt_idx" ON "Conversation"("state", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Conversation_createdAt_idx" ON "Conversation"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_channel_channelConversationId_key" ON "Conversation"("channel", "channelConversationId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_seq_key" ON "Message"("seq");

-- CreateIndex
CREATE INDEX "Message_conversationId_seq_idx" ON "Message"("conversationId", "seq");

-- CreateIndex
CREATE INDEX "Message_createdAt_route_idx" ON "Message"("createdAt", "route");

-- CreateIndex
CREATE INDEX "Message_agentId_createdAt_idx" ON "Message"("agentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_clientMessageId_key" ON "Message"("conversationId", "clientMessageId");

-- CreateIndex
CREATE INDEX "KnowledgeEntry_locale_active_idx" ON "KnowledgeEntry"("locale", "active");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeEntry_key_locale_key" ON "KnowledgeEntry"("key", "locale");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_reference_key" ON "Complaint"("reference");

-- CreateIndex
CREATE INDEX "Complaint_status_severity_idx" ON "Complaint"("status", "severity");

-- CreateIndex
CREATE INDEX "Complaint_category_createdAt_idx" ON "Complaint"("category", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_customerId_createdAt_idx" ON "Complaint"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_assignedAgentId_status_idx" ON "Complaint"("assignedAgentId", "status");

-- CreateIndex
CREATE INDEX "Complaint_createdAt_idx" ON "Complaint"("createdAt");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_at_idx" ON "ComplaintEvent"("complaintId", "at");

-- CreateIndex
CREATE INDEX "ServiceClockBreach_detectedAt_idx" ON "ServiceClockBreach"("detectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceClockBreach_complaintId_clock_key" ON "ServiceClockBreach"("complaintId", "clock");

-- CreateIndex
CREATE INDEX "CrisisAlert_category_createdAt_idx" ON "CrisisAlert"("category", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxJob_jobId_key" ON "OutboxJob"("jobId");

-- CreateIndex
CREATE INDEX "OutboxJob_dispatchedAt_id_idx" ON "OutboxJob"("dispatchedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_complaintId_idx" ON "Notification"("complaintId");

-- CreateIndex
CREATE INDEX "Handoff_status_locale_priority_requestedAt_idx" ON "Handoff"("status", "locale", "priority" DESC, "requestedAt");

-- CreateIndex
CREATE INDEX "Handoff_agentId_status_idx" ON "Handoff"("agentId", "status");

-- CreateIndex
CREATE INDEX "Handoff_conversationId_status_idx" ON "Handoff"("conversationId", "status");

-- CreateIndex
CREATE INDEX "Handoff_requestedAt_idx" ON "Handoff"("requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_email_key" ON "Agent"("email");

-- CreateIndex
CREATE UNIQUE INDEX "AgentSession_tokenHash_key" ON "AgentSession"("tokenHash");

-- CreateIndex
CREATE INDEX "AgentSession_agentId_idx" ON "AgentSession"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelReference_conversationId_key" ON "ChannelReference"("conversationId");

-- CreateIndex
CREATE INDEX "SatisfactionRating_createdAt_kind_idx" ON "SatisfactionRating"("createdAt", "kind");

-- CreateIndex
CREATE INDEX "SatisfactionRating_agentId_createdAt_idx" ON "SatisfactionRating"("agentId", "createdAt");

-- CreateIndex
CREATE INDEX "SatisfactionRating_conversationId_idx" ON "SatisfactionRating"("conversationId");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_at_idx" ON "AuditLog"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actor_at_idx" ON "AuditLog"("actor", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_assignedAgentId_fkey" FOREIGN KEY ("assignedAgentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceClockBreach" ADD CONSTRAINT "ServiceClockBreach_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentSession" ADD CONSTRAINT "AgentSession_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelReference" ADD CONSTRAINT "ChannelReference_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (not derived from schema.prisma)
-- The audit log is append-only: UPDATE and DELETE are refused, except inside a transaction that
-- sets teller.audit_maintenance = 'on' (the retention job, which anonymises rows past their age).
CREATE FUNCTION teller_audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF current_setting('teller.audit_maintenance', true) = 'on' THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION teller_audit_log_append_only();
