FROM fedora:40
RUN dnf install -y gcc && dnf clean all
RUN yum -y install git && rm -rf /var/cache/yum
RUN zypper -n in curl && zypper cc -a
RUN dnf install -y --downloadonly foo
