FROM fedora:40
RUN dnf -y install --setopt=install_weak_deps=False --nodocs nodejs npm && npm install -g mocha && dnf clean all
