"""The service answers health checks and publishes its OpenAPI schema."""

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_openapi(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert "/health" in response.json()["paths"]


def test_cors_allows_the_frontend(client: TestClient) -> None:
    # The frontend's dev server runs on another origin; browsers ask before calling.
    origin = "http://localhost:5173"
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    response = client.options("/health", headers=headers)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == origin


def test_cors_refuses_other_origins(client: TestClient) -> None:
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
    response = client.options("/health", headers=headers)
    assert "access-control-allow-origin" not in response.headers
