//! The file store, below the features (documents, signing, the dialog and workers use it): a local folder
//! by default, any S3-compatible bucket when configured (`object_store`). Files are written once
//! under a fresh random key and never changed; the database row that points at a key is written
//! only after the file is complete.
//!
//! [`Upload`] streams a file in: it hashes, counts and checks the type of the bytes as they come,
//! and writes them through a multipart upload, so memory holds a few chunks, never the file.

use std::sync::Arc;

use axum::{
    body::{Body, Bytes},
    http::{HeaderValue, header},
    response::Response,
};
use object_store::{
    ObjectStore, ObjectStoreExt, WriteMultipart, aws::AmazonS3Builder, local::LocalFileSystem,
    path::Path as StorePath,
};
use sha2::{Digest, Sha256};

pub mod csv;
pub mod form;
pub mod names;
pub mod sniff;

use self::sniff::{FileKind, Refusal};
use crate::{
    config::FileStoreConfig,
    integrations::clamav::{Scan, Scanner, Verdict},
};

/// How much of the start of a file is looked at to tell its type.
const SNIFF_BYTES: usize = 8 * 1024;
/// The multipart chunk size (S3's minimum part size is 5 MiB).
const PART_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// The folder of a local store (`None` for S3), checked by [`FileStore::check`].
    local_root: Option<std::path::PathBuf>,
    /// clamd, when configured: every [`Upload`] is scanned (decision 0071).
    scanner: Option<Scanner>,
}

impl FileStore {
    pub fn from_config(config: &FileStoreConfig) -> anyhow::Result<Self> {
        let local_root = match config {
            FileStoreConfig::Local(dir) => Some(dir.clone()),
            FileStoreConfig::S3 { .. } => None,
        };
        let inner: Arc<dyn ObjectStore> = match config {
            FileStoreConfig::Local(dir) => {
                std::fs::create_dir_all(dir)?;
                Arc::new(LocalFileSystem::new_with_prefix(dir)?.with_automatic_cleanup(true))
            }
            FileStoreConfig::S3 {
                bucket,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
            } => {
                let mut builder = AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .with_region(region);
                if let Some(endpoint) = endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(key) = access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose());
                }
                Arc::new(builder.build()?)
            }
        };
        Ok(Self {
            inner,
            local_root,
            scanner: None,
        })
    }

    /// Scans every upload with `scanner` (`None`: uploads are not scanned).
    pub fn with_scanner(mut self, scanner: Option<Scanner>) -> Self {
        self.scanner = scanner;
        self
    }

    /// The virus scanner uploads go through, when one is configured.
    pub fn scanner(&self) -> Option<&Scanner> {
        self.scanner.as_ref()
    }

    /// A new, unused key for a customer's file.
    pub fn new_key(customer_id: i64) -> String {
        Self::new_key_in("customers", customer_id)
    }

    /// A new, unused key for a file of `owner_id` in `folder` (`customers`, `workers`).
    pub fn new_key_in(folder: &str, owner_id: i64) -> String {
        let random: [u8; 16] = rand::random();
        format!("{folder}/{owner_id}/{}", hex::encode(random))
    }

    /// Starts streaming a file in under `key`. Nothing is visible under the key until
    /// [`Upload::finish`] succeeds.
    pub fn upload(&self, key: String, file_name: &str, max_bytes: u64) -> Upload {
        Upload {
            store: self.inner.clone(),
            key,
            file_name: file_name.to_string(),
            max_bytes,
            head: Vec::new(),
            kind: None,
            writer: None,
            hasher: Sha256::new(),
            size: 0,
            scanner: self.scanner.clone(),
            scan: None,
        }
    }

    /// Writes a whole file that is already in memory (signed copies, small generated files).
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.inner
            .put(&StorePath::from(key), Bytes::from(bytes).into())
            .await?;
        Ok(())
    }

    /// A file as a streamed response body.
    pub async fn body(&self, key: &str) -> anyhow::Result<Body> {
        let got = self.inner.get(&StorePath::from(key)).await?;
        Ok(Body::from_stream(got.into_stream()))
    }

    /// A whole file in memory; for files known to be small enough (PDFs sent for signing).
    pub async fn bytes(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let got = self.inner.get(&StorePath::from(key)).await?;
        Ok(got.bytes().await?.to_vec())
    }

    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        self.inner.delete(&StorePath::from(key)).await?;
        Ok(())
    }

    /// A cheap check that the store can be reached (`/readyz`): the local folder exists and can
    /// be read, or the bucket answers a request for a key that is never written (not found is
    /// an answer; a refused log-in, a missing bucket or no connection are not).
    pub async fn check(&self) -> anyhow::Result<()> {
        if let Some(root) = &self.local_root {
            let meta = tokio::fs::metadata(root)
                .await
                .map_err(|e| anyhow::anyhow!("the files folder cannot be read: {e}"))?;
            anyhow::ensure!(meta.is_dir(), "the files folder is not a folder");
            return Ok(());
        }
        match self.inner.head(&StorePath::from(".readiness-probe")).await {
            Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(anyhow::anyhow!("the bucket does not answer: {err}")),
        }
    }

    /// Every key in the store with its size, in key order (backups).
    pub async fn list_all(&self) -> anyhow::Result<Vec<(String, u64)>> {
        use futures::TryStreamExt;
        let mut all: Vec<(String, u64)> = self
            .inner
            .list(None)
            .map_ok(|meta| (meta.location.to_string(), meta.size))
            .try_collect()
            .await?;
        all.sort();
        Ok(all)
    }

    /// Streams the file under `key` into `dest`, returning its SHA-256 (hex) and size.
    pub async fn copy_out(
        &self,
        key: &str,
        dest: &std::path::Path,
    ) -> anyhow::Result<(String, u64)> {
        use futures::StreamExt;
        use tokio::io::AsyncWriteExt;
        let got = self.inner.get(&StorePath::from(key)).await?;
        let mut stream = got.into_stream();
        let mut out = tokio::fs::File::create(dest).await?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            hasher.update(&chunk);
            size += chunk.len() as u64;
            out.write_all(&chunk).await?;
        }
        out.flush().await?;
        out.sync_all().await?;
        Ok((hex::encode(hasher.finalize()), size))
    }

    /// Streams the local file `src` into the store under `key` (restores), returning its
    /// SHA-256 (hex).
    pub async fn copy_in(&self, src: &std::path::Path, key: &str) -> anyhow::Result<String> {
        use tokio::io::AsyncReadExt;
        let upload = self.inner.put_multipart(&StorePath::from(key)).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let mut file = tokio::fs::File::open(src).await?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1024 * 1024];
        loop {
            let n = file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            writer.wait_for_capacity(2).await?;
            writer.write(&buf[..n]);
        }
        writer.finish().await?;
        Ok(hex::encode(hasher.finalize()))
    }
}

/// Why an upload stopped.
#[derive(Debug)]
pub enum UploadError {
    /// The file was refused (type, size, empty): the user is told why.
    Refused(Refusal),
    /// The store failed.
    Store(anyhow::Error),
}

impl From<object_store::Error> for UploadError {
    fn from(err: object_store::Error) -> Self {
        UploadError::Store(err.into())
    }
}

/// A file being streamed into the store.
pub struct Upload {
    store: Arc<dyn ObjectStore>,
    key: String,
    file_name: String,
    max_bytes: u64,
    /// The first bytes, held back until the type is known.
    head: Vec<u8>,
    kind: Option<FileKind>,
    writer: Option<WriteMultipart>,
    hasher: Sha256,
    size: u64,
    scanner: Option<Scanner>,
    /// The file's scan, open from its first chunk.
    scan: Option<Scan>,
}

/// A file safely in the store.
#[derive(Clone, Debug)]
pub struct Stored {
    pub key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

impl Upload {
    /// Takes the next chunk. Refuses as soon as the file is too large or its type is known to be
    /// wrong; the caller then calls [`Upload::abort`].
    pub async fn write(&mut self, chunk: Bytes) -> Result<(), UploadError> {
        self.size += chunk.len() as u64;
        if self.size > self.max_bytes {
            return Err(UploadError::Refused(Refusal::TooLarge {
                max_bytes: self.max_bytes,
            }));
        }
        self.hasher.update(&chunk);
        self.scan_chunk(&chunk).await?;
        if let Some(writer) = self.writer.as_mut() {
            writer.wait_for_capacity(2).await?;
            writer.put(chunk);
            return Ok(());
        }
        self.head.extend_from_slice(&chunk);
        if self.head.len() >= SNIFF_BYTES {
            self.start().await?;
        }
        Ok(())
    }

    /// Sends a chunk to the scanner, if there is one. A scanner that cannot be reached or
    /// fails refuses the file (fail closed, decision 0071).
    async fn scan_chunk(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        let Some(scanner) = &self.scanner else {
            return Ok(());
        };
        if self.scan.is_none() {
            let scan = scanner
                .start()
                .await
                .map_err(|e| UploadError::Refused(scan_failed(e)))?;
            self.scan = Some(scan);
        }
        let scan = self.scan.as_mut().expect("opened above");
        scan.send(chunk)
            .await
            .map_err(|e| UploadError::Refused(scan_failed(e)))
    }

    /// Checks the type from the bytes held back, then opens the upload and writes them.
    async fn start(&mut self) -> Result<(), UploadError> {
        let kind = sniff::check(&self.file_name, &self.head).map_err(UploadError::Refused)?;
        self.kind = Some(kind);
        let upload = self
            .store
            .put_multipart(&StorePath::from(self.key.as_str()))
            .await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        writer.put(Bytes::from(std::mem::take(&mut self.head)));
        self.writer = Some(writer);
        Ok(())
    }

    /// Completes the file. An empty file is refused.
    pub async fn finish(mut self) -> Result<Stored, UploadError> {
        if self.size == 0 {
            return Err(UploadError::Refused(Refusal::Empty));
        }
        if self.writer.is_none() {
            self.start().await?;
        }
        if let Some(scan) = self.scan.take() {
            let refusal = match scan.finish().await {
                Ok(Verdict::Clean) => None,
                Ok(Verdict::Infected(signature)) => {
                    tracing::warn!(key = %self.key, %signature, "an upload carries malware");
                    Some(Refusal::Infected { signature })
                }
                Err(err) => Some(scan_failed(err)),
            };
            if let Some(refusal) = refusal {
                self.abort_parts().await;
                return Err(UploadError::Refused(refusal));
            }
        }
        let writer = self.writer.take().expect("started");
        writer.finish().await?;
        let kind = self.kind.expect("checked at start");
        Ok(Stored {
            key: self.key,
            content_type: kind.content_type.to_string(),
            size_bytes: self.size as i64,
            sha256: hex::encode(self.hasher.finalize()),
        })
    }

    /// Gives up: whatever was written is removed.
    pub async fn abort(mut self) {
        self.abort_parts().await;
    }

    async fn abort_parts(&mut self) {
        if let Some(writer) = self.writer.take()
            && let Err(err) = writer.abort().await
        {
            tracing::warn!(key = %self.key, %err, "could not abort an upload");
        }
    }
}

/// A scan that could not be done: the file is refused, the reason logged.
fn scan_failed(err: crate::integrations::clamav::ScanError) -> Refusal {
    tracing::warn!(%err, "an upload could not be scanned for viruses");
    Refusal::ScanFailed { detail: err.0 }
}

/// A stored file and what is known of it, to be sent back by [`respond`].
pub struct Served<'a> {
    pub key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    /// A safe name (see [`names::sanitize`]).
    pub file_name: &'a str,
    pub sha256: &'a str,
}

/// A stored file as a response: streamed, with its type, length and a safe name. Inline only
/// for types browsers show safely (PDF, raster images); the rest always download.
pub async fn respond(
    files: &FileStore,
    file: &Served<'_>,
    inline: bool,
) -> crate::Result<Response> {
    let inline = inline && sniff::previewable(file.content_type);
    let body: Body = files.body(file.key).await?;
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    let header_value = |v: &str| HeaderValue::from_str(v).map_err(anyhow::Error::from);
    headers.insert(header::CONTENT_TYPE, header_value(file.content_type)?);
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(file.size_bytes as u64),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        header_value(&names::content_disposition(file.file_name, inline))?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // The card shows PDF previews in a frame of its own.
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    // Already compressed or not worth it; keeps large downloads streaming with their length.
    headers.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static("identity"),
    );
    if file.content_type != "application/pdf" {
        // Chrome's PDF viewer does not run in a sandboxed document; everything else does.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'"),
        );
    }
    headers.insert(header::ETAG, header_value(&format!("\"{}\"", file.sha256))?);
    Ok(response)
}
