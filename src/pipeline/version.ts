// The version every analysis is stored with, in a module of its own: the analysis threads' pool
// stamps the analysis of a failed article with it without loading the pipeline on the thread that
// only hands articles out and stores them.
export const PIPELINE_VERSION = '1';
