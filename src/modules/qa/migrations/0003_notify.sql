-- How the asker asked to be told of the answer: '' not at all, 'mail' (an e-mail address) or
-- 'line' (the LINE user their browser came from the chat as). The address is cleared once the
-- question is answered in public or declined: it is kept for that message only.
ALTER TABLE qa_questions ADD COLUMN notify_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE qa_questions ADD COLUMN notify_to TEXT NOT NULL DEFAULT '';
